import { createHash } from 'node:crypto';
import type { Session } from './session.js';
import { request } from './session.js';
import { FLUSH, pkt } from './pktLine.js';
import { demuxSideBand } from './sideBand.js';
import { TransferInterruptedError } from './errors/TransferInterruptedError.js';
import { NotAGitwayRemoteError } from './errors/NotAGitwayRemoteError.js';

/**
 * POST git-upload-pack: asks for `wants` given `haves`, returns the verified packfile
 * (its SHA-1 trailer checked). A response cut short is TransferInterruptedError.
 */
export async function fetchPack(
  s: Session,
  serverCaps: Set<string>,
  wants: string[],
  haves: string[],
  onMessage?: (line: string) => void,
): Promise<Buffer> {
  if (!serverCaps.has('side-band-64k')) {
    throw new NotAGitwayRemoteError(`remote ${s.url} does not support side-band-64k`, { url: s.url, reason: 'capabilities' });
  }
  const caps = ['side-band-64k', 'ofs-delta', 'no-progress'].filter((c) => serverCaps.has(c) && !(c === 'no-progress' && s.onProgress));
  if ([...serverCaps].some((c) => c.startsWith('agent='))) caps.push('agent=gitway');
  const parts = wants.map((w, i) => pkt(`want ${w}${i === 0 ? ' ' + caps.join(' ') : ''}\n`));
  parts.push(FLUSH, ...haves.map((h) => pkt(`have ${h}\n`)), pkt('done\n'));
  const res = await request(
    s,
    'POST',
    '/git-upload-pack',
    { 'content-type': 'application/x-git-upload-pack-request', accept: 'application/x-git-upload-pack-result' },
    Buffer.concat(parts),
    'Receiving objects',
  );
  const interrupted = (): TransferInterruptedError =>
    new TransferInterruptedError(`the transfer from ${s.url} was interrupted before the pack was complete; nothing was changed`, { url: s.url });
  if (res.status !== 200) throw interrupted();
  const out = demuxSideBand(res.body, (line) => {
    onMessage?.(line);
    const m = /^(.*?):\s+\d+% \((\d+)\/(\d+)\)/.exec(line);
    if (m) s.onProgress?.({ phase: m[1]!.trim(), loaded: Number(m[2]), total: Number(m[3]) });
  });
  const err = out.error ?? out.preamble.find((l) => l.startsWith('ERR '))?.slice(4);
  if (err) throw new TransferInterruptedError(`remote ${s.url} failed: ${err}`, { url: s.url, remoteError: err });
  if (!out.complete) throw interrupted();
  const pack = out.data;
  if (pack.length < 32 || pack.subarray(0, 4).toString('latin1') !== 'PACK') throw interrupted();
  const sum = createHash('sha1').update(pack.subarray(0, pack.length - 20)).digest();
  if (!sum.equals(pack.subarray(pack.length - 20))) throw interrupted();
  return pack;
}
