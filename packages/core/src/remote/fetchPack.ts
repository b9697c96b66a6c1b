import { createHash } from 'node:crypto';
import type { Session } from './session.js';
import { requestStream } from './session.js';
import { FLUSH, pkt } from './pktLine.js';
import { SideBandReader } from './sideBand.js';
import type { IncomingPack } from './installPack.js';
import { TransferInterruptedError } from './errors/TransferInterruptedError.js';
import { NotAGitwayRemoteError } from './errors/NotAGitwayRemoteError.js';

/** A received pack: its SHA-1 trailer (hex, checked) and object count. */
export interface ReceivedPack {
  hash: string;
  objects: number;
  bytes: number;
}

/**
 * POST git-upload-pack: asks for `wants` given `haves` and streams the packfile into
 * `incoming` as it arrives (never the whole pack in memory), checking its SHA-1 trailer
 * on the way. A response cut short is TransferInterruptedError; one over the session's
 * byte limit TooLargeError; a silent server RemoteTimeoutError.
 */
export async function fetchPack(
  s: Session,
  serverCaps: Set<string>,
  wants: string[],
  haves: string[],
  incoming: IncomingPack,
  onMessage?: (line: string) => void,
): Promise<ReceivedPack> {
  if (!serverCaps.has('side-band-64k')) {
    throw new NotAGitwayRemoteError(`remote ${s.url} does not support side-band-64k`, { url: s.url, reason: 'capabilities' });
  }
  const caps = ['side-band-64k', 'ofs-delta', 'no-progress'].filter((c) => serverCaps.has(c) && !(c === 'no-progress' && s.onProgress));
  if ([...serverCaps].some((c) => c.startsWith('agent='))) caps.push('agent=gitway');
  const parts = wants.map((w, i) => pkt(`want ${w}${i === 0 ? ' ' + caps.join(' ') : ''}\n`));
  parts.push(FLUSH, ...haves.map((h) => pkt(`have ${h}\n`)), pkt('done\n'));
  const res = await requestStream(
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
  const sha = createHash('sha1');
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  let bytes = 0;
  let pending: Buffer[] = [];
  const reader = new SideBandReader(
    (data) => pending.push(Buffer.from(data)),
    (line) => {
      onMessage?.(line);
      const m = /^(.*?):\s+\d+% \((\d+)\/(\d+)\)/.exec(line);
      if (m) s.onProgress?.({ phase: m[1]!.trim(), loaded: Number(m[2]), total: Number(m[3]) });
    },
  );
  for await (const chunk of res.body) {
    reader.push(chunk);
    for (const data of pending) {
      if (head.length < 12) head = Buffer.concat([head, data.subarray(0, 12 - head.length)]);
      // Everything but the last 20 bytes is hashed; the last 20 are the trailer.
      const joined = Buffer.concat([tail, data]);
      sha.update(joined.subarray(0, Math.max(0, joined.length - 20)));
      tail = Buffer.from(joined.subarray(Math.max(0, joined.length - 20)));
      bytes += data.length;
      await incoming.write(data);
    }
    pending = [];
    if (reader.error || reader.complete || reader.broken) break;
  }
  const err = reader.error ?? reader.preamble.find((l) => l.startsWith('ERR '))?.slice(4);
  if (err) throw new TransferInterruptedError(`remote ${s.url} failed: ${err}`, { url: s.url, remoteError: err });
  if (!reader.complete) throw interrupted();
  if (bytes < 32 || head.subarray(0, 4).toString('latin1') !== 'PACK') throw interrupted();
  if (!sha.digest().equals(tail)) throw interrupted();
  return { hash: tail.toString('hex'), objects: head.readUInt32BE(8), bytes };
}
