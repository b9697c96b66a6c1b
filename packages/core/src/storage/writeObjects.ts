import { deflateSync, crc32 } from 'node:zlib';
import { createHash, randomBytes } from 'node:crypto';
import type { RepoOptions } from '../models/FsClient.js';
import type { GitObject } from './gitObjects.js';
import { join } from '../utils/join.js';
import { fsError } from '../utils/fsError.js';

/** Above this many new objects one packfile is written instead of loose objects. */
export const PACK_THRESHOLD = 64;

/** Pack object type codes. */
export const TYPE_CODE = { commit: 1, tree: 2, blob: 3, tag: 4 } as const;

function tempName(prefix: string): string {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}


/**
 * Writes one loose object atomically: deflated into a temp file in the same directory,
 * then renamed to its final name, so a crash never leaves a half-written object under
 * its id. An existing object is left alone.
 */
export async function writeLooseObject({ fs, gitdir }: RepoOptions, obj: GitObject): Promise<void> {
  const dir = join(gitdir, 'objects', obj.oid.slice(0, 2));
  const final = join(dir, obj.oid.slice(2));
  await fs.promises.mkdir(dir, { recursive: true });
  const data = deflateSync(Buffer.concat([Buffer.from(`${obj.type} ${obj.content.length}\0`), obj.content]));
  const tmp = join(dir, tempName('tmp_obj_'));
  try {
    await fs.promises.writeFile(tmp, data, { mode: 0o444 });
    await fs.promises.rename(tmp, final);
  } catch (err) {
    // A write that failed half way (ENOSPC) leaves its temp file: never keep it.
    await fs.promises.unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** A pack entry's header: type and inflated size, git's variable-length encoding. */
export function packObjectHeader(type: number, size: number): Buffer {
  const bytes: number[] = [];
  let byte = (type << 4) | (size & 0x0f);
  size = Math.floor(size / 16);
  while (size > 0) {
    bytes.push(byte | 0x80);
    byte = size & 0x7f;
    size = Math.floor(size / 128);
  }
  bytes.push(byte);
  return Buffer.from(bytes);
}

/** Builds a version 2 packfile and its version 2 index for `objects` (no deltas). */
export function buildPack(objects: GitObject[]): { pack: Buffer; idx: Buffer; packHash: string } {
  const header = Buffer.alloc(12);
  header.write('PACK', 0, 'latin1');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(objects.length, 8);
  const chunks: Buffer[] = [header];
  const entries: { oid: string; offset: number; crc: number }[] = [];
  let offset = 12;
  for (const obj of objects) {
    const data = Buffer.concat([packObjectHeader(TYPE_CODE[obj.type], obj.content.length), deflateSync(obj.content, { level: 1 })]);
    entries.push({ oid: obj.oid, offset, crc: crc32(data) });
    chunks.push(data);
    offset += data.length;
  }
  const body = Buffer.concat(chunks);
  const packSha = createHash('sha1').update(body).digest();
  const pack = Buffer.concat([body, packSha]);

  entries.sort((a, b) => (a.oid < b.oid ? -1 : a.oid > b.oid ? 1 : 0));
  const n = entries.length;
  const idx = Buffer.alloc(8 + 256 * 4 + n * 20 + n * 4 + n * 4 + 40);
  idx.writeUInt32BE(0xff744f63, 0);
  idx.writeUInt32BE(2, 4);
  let pos = 8;
  let cursor = 0;
  for (let b = 0; b < 256; b++) {
    while (cursor < n && parseInt(entries[cursor]!.oid.slice(0, 2), 16) <= b) cursor++;
    idx.writeUInt32BE(cursor, pos);
    pos += 4;
  }
  for (const e of entries) {
    idx.write(e.oid, pos, 'hex');
    pos += 20;
  }
  for (const e of entries) {
    idx.writeUInt32BE(e.crc >>> 0, pos);
    pos += 4;
  }
  for (const e of entries) {
    if (e.offset >= 0x80000000) throw new Error('packfile over 2 GiB');
    idx.writeUInt32BE(e.offset, pos);
    pos += 4;
  }
  packSha.copy(idx, pos);
  pos += 20;
  createHash('sha1').update(idx.subarray(0, pos)).digest().copy(idx, pos);
  return { pack, idx, packHash: packSha.toString('hex') };
}

/**
 * Writes one packfile + index atomically: both go to temp names, then the .pack is
 * renamed before the .idx (readers find packs through their index, so a pack is never
 * visible half-written).
 */
export async function writePack({ fs, gitdir }: RepoOptions, objects: GitObject[]): Promise<string> {
  const { pack, idx, packHash } = buildPack(objects);
  const dir = join(gitdir, 'objects', 'pack');
  await fs.promises.mkdir(dir, { recursive: true });
  const tmpPack = join(dir, tempName('tmp_pack_'));
  const tmpIdx = join(dir, tempName('tmp_idx_'));
  try {
    await fs.promises.writeFile(tmpPack, pack, { mode: 0o444 });
    await fs.promises.writeFile(tmpIdx, idx, { mode: 0o444 });
    await fs.promises.rename(tmpPack, join(dir, `pack-${packHash}.pack`));
    await fs.promises.rename(tmpIdx, join(dir, `pack-${packHash}.idx`));
  } catch (err) {
    await fs.promises.unlink(tmpPack).catch(() => undefined);
    await fs.promises.unlink(tmpIdx).catch(() => undefined);
    throw err;
  }
  return packHash;
}

/**
 * Writes `objects`, which the caller found missing (Repo.write is the one caller): loose
 * when few, one pack when more than PACK_THRESHOLD. Every write is waited for (not only
 * the first failure) so no temp file outlives the call.
 */
export async function writeObjects(opts: RepoOptions, objects: GitObject[]): Promise<void> {
  if (objects.length === 0) return;
  try {
    if (objects.length > PACK_THRESHOLD) {
      await writePack(opts, objects);
      return;
    }
    // Order among objects does not matter: nothing refers to them until a ref moves.
    const results = await Promise.allSettled(objects.map((obj) => writeLooseObject(opts, obj)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (err) {
    throw fsError(err, 'write objects');
  }
}
