import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { RepoOptions } from '../models/FsClient.js';
import { repoOf } from '../storage/Repo.js';
import { packObjectHeader, TYPE_CODE } from '../storage/writeObjects.js';

/** Bytes gathered before a chunk is handed on (one network write). */
const CHUNK_BYTES = 64 * 1024;

/**
 * A version 2 packfile of `oids` (no deltas), produced as it is sent: objects are read
 * and deflated one at a time and handed on in ~64 KiB chunks, the SHA-1 trailer last,
 * so a push holds one object and one chunk in memory, never the pack.
 *
 * @example
 * for await (const chunk of packStream({ fs, gitdir }, oids)) socket.write(chunk);
 */
export async function* packStream(opts: RepoOptions, oids: string[]): AsyncGenerator<Buffer> {
  const sha = createHash('sha1');
  const header = Buffer.alloc(12);
  header.write('PACK', 0, 'latin1');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(oids.length, 8);
  sha.update(header);
  let batch: Buffer[] = [header];
  let size = header.length;
  const repo = repoOf(opts);
  for (const oid of oids) {
    const obj = await repo.read(oid);
    const data = Buffer.concat([packObjectHeader(TYPE_CODE[obj.type], obj.content.length), deflateSync(obj.content, { level: 1 })]);
    sha.update(data);
    batch.push(data);
    size += data.length;
    if (size >= CHUNK_BYTES) {
      yield Buffer.concat(batch);
      batch = [];
      size = 0;
    }
  }
  batch.push(sha.digest());
  yield Buffer.concat(batch);
}
