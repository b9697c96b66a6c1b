import type { RepoOptions } from '../models/FsClient.js';
import type { Session } from './session.js';
import { request } from './session.js';
import { FLUSH, pkt, readPkts } from './pktLine.js';
import { packStream } from './packStream.js';
import { demuxSideBand } from './sideBand.js';
import { TransferInterruptedError } from './errors/TransferInterruptedError.js';

export const ZERO = '0000000000000000000000000000000000000000';

/** One ref update asked of the server. */
export interface PushCommand {
  ref: string;
  old: string;
  new: string;
}

/** The server's report-status: unpack result, per-ref ok or reason, and its messages (hook output). */
export interface PushReport {
  unpack: string;
  refs: Map<string, { ok: boolean; reason?: string }>;
  messages: string[];
}

/**
 * POST git-receive-pack: the commands and one pack with `objects`, streamed as it is
 * built (chunked transfer encoding, as git's own client does for large pushes); returns
 * the server's report.
 */
export async function sendPack(
  opts: RepoOptions,
  s: Session,
  serverCaps: Set<string>,
  commands: PushCommand[],
  objects: string[],
  onMessage?: (line: string) => void,
): Promise<PushReport> {
  const caps = ['report-status', 'side-band-64k'].filter((c) => serverCaps.has(c));
  if ([...serverCaps].some((c) => c.startsWith('agent='))) caps.push('agent=gitway');
  const parts = commands.map((c, i) => pkt(`${c.old} ${c.new} ${c.ref}${i === 0 ? '\0' + caps.join(' ') : ''}\n`));
  parts.push(FLUSH);
  const withPack = commands.some((c) => c.new !== ZERO);
  let sent = 0;
  async function* body(): AsyncGenerator<Buffer> {
    sent = 0;
    yield Buffer.concat(parts);
    if (!withPack) return;
    for await (const chunk of packStream(opts, objects)) {
      yield chunk;
      sent += chunk.length;
      s.onProgress?.({ phase: 'Writing objects', loaded: sent });
    }
  }
  const res = await request(s, 'POST', '/git-receive-pack', {
    'content-type': 'application/x-git-receive-pack-request',
    accept: 'application/x-git-receive-pack-result',
  }, body);
  const interrupted = () => new TransferInterruptedError(`the push to ${s.url} was interrupted; the remote did not confirm it (fetch to see what it holds)`, { url: s.url });
  if (res.status !== 200) throw interrupted();
  const sideBand = caps.includes('side-band-64k');
  const out = sideBand ? demuxSideBand(res.body, onMessage) : null;
  if (out?.error) throw new TransferInterruptedError(`remote ${s.url} failed: ${out.error}`, { url: s.url, remoteError: out.error });
  if (out && !out.complete) throw interrupted();
  const report = readPkts(out ? out.data : res.body);
  const result: PushReport = { unpack: '', refs: new Map(), messages: out?.messages ?? [] };
  for (const p of report.pkts) {
    if (!p) break;
    const line = p.toString('utf8').replace(/\n$/, '');
    if (line.startsWith('unpack ')) result.unpack = line.slice(7);
    else if (line.startsWith('ok ')) result.refs.set(line.slice(3), { ok: true });
    else if (line.startsWith('ng ')) {
      const [ref, ...reason] = line.slice(3).split(' ');
      result.refs.set(ref!, { ok: false, reason: reason.join(' ') });
    }
  }
  if (!result.unpack) throw interrupted();
  return result;
}
