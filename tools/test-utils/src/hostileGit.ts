import type http from 'node:http';
import { pkt } from './pktLine.js';

/**
 * How a test git server lies (see startGitHttpServer's `hostile`):
 * - `refs`: extra refs added to every ref advertisement (any name, even `refs/heads/../../x`
 *   or control characters; point them at commits the repository has so a pack can be served);
 * - `head`: the branch advertised as HEAD's symref;
 * - `endlessPack`: upload-pack answers a pack that never ends (side-band data forever);
 * - `silent`: requests whose path ends with it get no answer at all, until the client gives up;
 * - `delayMs`: the answer to every request is held back this long (a slow but honest server).
 */
export interface HostileGit {
  refs?: { name: string; oid: string }[];
  head?: string;
  endlessPack?: boolean;
  silent?: 'info/refs' | 'git-upload-pack' | 'git-receive-pack';
  delayMs?: number;
}

/** Adds `hostile.refs` (and a symref) to a real ref advertisement (pkt-lines ending with a flush), re-framing each packet. */
export function rewriteAdvertisement(body: Buffer, hostile: HostileGit): Buffer {
  const out: Buffer[] = [];
  let i = 0;
  while (i + 4 <= body.length) {
    const len = parseInt(body.subarray(i, i + 4).toString('latin1'), 16);
    if (len === 0) {
      out.push(Buffer.from('0000'));
      i += 4;
      continue;
    }
    let text = body.subarray(i + 4, i + len).toString('latin1');
    if (hostile.head) text = text.replace(/symref=HEAD:\S+/, `symref=HEAD:${hostile.head}`);
    out.push(pkt(text));
    i += len;
  }
  if (hostile.refs?.length && out.at(-1)?.toString() === '0000') out.splice(out.length - 1, 0, ...hostile.refs.map((r) => pkt(Buffer.from(`${r.oid} ${r.name}\n`))));
  return Buffer.concat(out);
}

/**
 * Answers an upload-pack request with a side-band-64k stream that never ends: NAK, a
 * PACK header claiming many objects, then 64 KB data packets forever (waiting for the
 * client to drain, so the server itself stays small). Stops when the client goes away.
 */
export function sendEndlessPack(req: http.IncomingMessage, res: http.ServerResponse): void {
  req.resume();
  res.writeHead(200, { 'Content-Type': 'application/x-git-upload-pack-result' });
  const header = Buffer.alloc(12);
  header.write('PACK', 0, 'latin1');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(0x7fffffff, 8);
  res.write(pkt('NAK\n'));
  res.write(pkt(Buffer.concat([Buffer.from([1]), header])));
  const data = pkt(Buffer.concat([Buffer.from([1]), Buffer.alloc(65515, 0x41)]));
  let open = true;
  res.on('close', () => (open = false));
  const pump = (): void => {
    while (open && res.write(data));
    if (open) res.once('drain', pump);
  };
  pump();
}
