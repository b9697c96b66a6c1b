import type { Session } from './session.js';
import { request } from './session.js';
import { readPkts } from './pktLine.js';
import { NotAGitwayRemoteError } from './errors/NotAGitwayRemoteError.js';
import { TransferInterruptedError } from './errors/TransferInterruptedError.js';
import { remoteRefProblem } from './syncedRefs.js';

export type Service = 'git-upload-pack' | 'git-receive-pack';

/** What the remote advertises: its refs (name -> oid), capabilities and default branch. */
export interface Advertisement {
  refs: Map<string, string>;
  caps: Set<string>;
  /** The branch HEAD points at ("refs/heads/main"), when the server says. */
  head: string | null;
}

/** GET info/refs?service=...: the ref advertisement of git's smart HTTP protocol (v0). */
export async function discover(s: Session, service: Service): Promise<Advertisement> {
  const res = await request(s, 'GET', `/info/refs?service=${service}`, { accept: '*/*' });
  const type = String(res.headers['content-type'] ?? '');
  if (res.status !== 200 || type !== `application/x-${service}-advertisement`) {
    const why = res.status !== 200 ? `HTTP ${res.status}` : 'no git smart HTTP service there';
    throw new NotAGitwayRemoteError(`not a gitway repository: ${s.url} (${why})`, { url: s.url, reason: why });
  }
  const { pkts, complete } = readPkts(res.body);
  if (!complete) throw new TransferInterruptedError(`the connection to ${s.url} closed during the ref advertisement; nothing was changed`, { url: s.url });
  const refs = new Map<string, string>();
  const caps = new Set<string>();
  let i = pkts[0]?.toString().startsWith('# service=') ? 2 : 0;
  for (; i < pkts.length; i++) {
    const p = pkts[i];
    if (!p) break;
    const text = p.toString('utf8').replace(/\n$/, '');
    const [line, capText] = text.split('\0');
    if (capText !== undefined) for (const c of capText.split(' ')) if (c) caps.add(c);
    // "<40 hex> <name>": the name is the rest of the line (it may hold spaces; the name rules refuse them later).
    const oid = line!.slice(0, 40);
    const name = line!.slice(41);
    if (!/^[0-9a-f]{40}$/.test(oid) || line![40] !== ' ' || !name || name.endsWith('^{}')) continue;
    refs.set(name, oid);
  }
  const symref = [...caps].find((c) => c.startsWith('symref=HEAD:'))?.slice('symref=HEAD:'.length);
  const head = symref?.startsWith('refs/heads/') && remoteRefProblem(symref) === null ? symref : null;
  return { refs, caps, head };
}
