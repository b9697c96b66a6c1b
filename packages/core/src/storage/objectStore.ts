import { inflateSync } from 'node:zlib';
import type { FsClient } from '../models/FsClient.js';
import { NotFoundError } from '../errors/NotFoundError.js';
import { join } from '../utils/join.js';
import { errnoCode } from '../utils/fsError.js';
import { ByteCache } from './byteCache.js';
import { applyDelta, corrupt, entryEnd, findOffset, parseIndex, prefixMatches, type PackIndex } from './packFile.js';
import { parseLoose, type StoredObject, type StoredType } from './looseObject.js';
import { objectId } from './gitObjects.js';
import { existing, fileSize, rangeReader, readWhole } from './fileReads.js';

export type { StoredObject, StoredType };

/** The default bound of one repository's cache (pack indexes, pack windows, objects). */
export const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;
/** Packs are read in windows of this size (an entry larger than a window is read on its own, uncached). */
export const PACK_WINDOW_BYTES = 1024 * 1024;
/** The window when reads are sync calls (storage/fileReads.ts): one read is cheap, so less is read that is not used. */
export const SYNC_PACK_WINDOW_BYTES = 64 * 1024;

const TYPES: Record<number, StoredType> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
const HEX40 = /^[0-9a-f]{40}$/;

interface Pack {
  name: string;
  packPath: string;
  idxPath: string;
  /** bytes, from stat when the pack was found */
  size: number;
}

type Entry = StoredObject | PackIndex | Buffer;

const isMissing = (err: unknown) => errnoCode(err) === 'ENOENT' || errnoCode(err) === 'ENOTDIR';

/**
 * Reads objects as native git stores them: loose (zlib) or in version 2 packs (index
 * binary search, OFS_DELTA and REF_DELTA resolved). Every object read is checked against
 * its id (type, size, SHA-1): a damaged one is CorruptObjectError, never wrong content.
 *
 * One cache, bounded by bytes and least-recently-used: parsed pack indexes, pack
 * windows of PACK_WINDOW_BYTES (SYNC_PACK_WINDOW_BYTES with sync reads), delta bases and objects (objects up to 1/16 of the
 * bound). Packs are immutable under their names, so the cache never goes stale; a pack
 * that went away (repack) is forgotten, a new one is found by listing objects/pack again
 * on a miss. Refs are never cached.
 */
export class ObjectStore {
  protected readonly lru: ByteCache<Entry>;
  private packs = new Map<string, Pack>();

  constructor(
    readonly fs: FsClient,
    readonly gitdir: string,
    cacheBytes = DEFAULT_CACHE_BYTES,
  ) {
    this.lru = new ByteCache(cacheBytes);
  }

  /** Bytes the cache holds now (at most its bound, plus the newest entry). */
  get cachedBytes(): number {
    return this.lru.bytes;
  }

  /**
   * Object `oid`: its type and content. NotFoundError when absent (or, with `type`, of
   * another type); CorruptObjectError when damaged.
   *
   * @example
   * const { content } = await repo.read(oid, 'blob');
   */
  async read(oid: string, type?: StoredType): Promise<StoredObject> {
    if (!HEX40.test(oid)) throw new NotFoundError(`invalid object id ${oid}`, { what: 'object', name: oid });
    const obj = await this.readAny(oid);
    if (type && obj.type !== type) throw new NotFoundError(`object ${oid} is a ${obj.type}, not a ${type}`, { what: type, name: oid });
    return obj;
  }

  private async readAny(oid: string): Promise<StoredObject> {
    const hit = this.lru.get(`o:${oid}`) as StoredObject | undefined;
    if (hit) return hit;
    const bin = Buffer.from(oid, 'hex');
    for (let attempt = 0; attempt < 2; attempt++) {
      for (const pack of this.packs.values()) {
        try {
          const offset = findOffset(await this.index(pack), bin);
          if (offset < 0) continue;
          return this.remember(oid, this.verify(oid, await this.readPacked(pack, offset, 0), `pack ${pack.name}`));
        } catch (err) {
          if (!isMissing(err)) throw err;
          this.forget(pack); // the pack went away (repacked): look again
        }
      }
      let raw: Buffer | null = null;
      try {
        raw = await readWhole(this.fs, join(this.gitdir, 'objects', oid.slice(0, 2), oid.slice(2)));
      } catch (err) {
        if (!isMissing(err)) throw err;
      }
      if (raw) return this.remember(oid, this.verify(oid, parseLoose(raw, oid), 'loose object'));
      if (!(await this.refreshPacks())) break;
    }
    throw new NotFoundError(`object ${oid} not found in the repository`, { what: 'object', name: oid });
  }

  private verify(oid: string, obj: StoredObject, where: string): StoredObject {
    if (objectId(obj.type, obj.content) !== oid) throw corrupt(where, 'its content does not match its id (hash mismatch)', oid);
    return obj;
  }

  private remember(oid: string, obj: StoredObject): StoredObject {
    if (obj.content.length <= this.lru.maxBytes / 16) this.lru.set(`o:${oid}`, obj, obj.content.length + 64);
    return obj;
  }

  /**
   * Whether object `oid` is stored (in a pack whose file still exists, or loose).
   *
   * @example
   * if (!(await repo.has(oid))) console.log('missing');
   */
  async has(oid: string): Promise<boolean> {
    return (await this.missing([oid])).size === 0;
  }

  /**
   * Which of `oids` are not stored. Pack indexes answer in memory (each pack's file is
   * checked once per call); loose objects by one stat each, or, for many ids, by listing
   * the fan-out directories they fall in (at most 256 listings).
   */
  async missing(oids: string[]): Promise<Set<string>> {
    let left = [...new Set(oids)];
    for (let attempt = 0; attempt < 2 && left.length; attempt++) {
      for (const pack of [...this.packs.values()]) {
        const alive = (await fileSize(this.fs, pack.packPath)) !== null;
        if (!alive) {
          this.forget(pack);
          continue;
        }
        const index = await this.index(pack);
        left = left.filter((oid) => findOffset(index, Buffer.from(oid, 'hex')) < 0);
      }
      left = await this.notLoose(left);
      if (!left.length || !(await this.refreshPacks())) break;
    }
    return new Set(left);
  }

  private async notLoose(oids: string[]): Promise<string[]> {
    const path = (oid: string) => join(this.gitdir, 'objects', oid.slice(0, 2), oid.slice(2));
    if (oids.length <= 64) {
      const present = await existing(this.fs, oids.map(path));
      return oids.filter((_, i) => !present[i]);
    }
    const listed = new Map<string, Set<string>>();
    for (const dir of new Set(oids.map((o) => o.slice(0, 2)))) listed.set(dir, new Set(await this.listLoose(dir)));
    return oids.filter((oid) => !listed.get(oid.slice(0, 2))!.has(oid.slice(2)));
  }

  private async listLoose(fanout: string): Promise<string[]> {
    try {
      return ((await this.fs.promises.readdir(join(this.gitdir, 'objects', fanout))) as string[]).filter((n) => /^[0-9a-f]{38}$/.test(n));
    } catch (err) {
      if (isMissing(err)) return [];
      throw err;
    }
  }

  /** Every stored object id starting with `prefix` (2..40 lower-case hex digits), sorted. */
  async idsWithPrefix(prefix: string): Promise<string[]> {
    await this.refreshPacks();
    const found = new Set<string>();
    for (const pack of this.packs.values()) for (const oid of prefixMatches(await this.index(pack), prefix)) found.add(oid);
    for (const rest of await this.listLoose(prefix.slice(0, 2))) if ((prefix.slice(0, 2) + rest).startsWith(prefix)) found.add(prefix.slice(0, 2) + rest);
    return [...found].sort();
  }

  private forget(pack: Pack): void {
    this.packs.delete(pack.name);
    this.lru.deletePrefix(`i:${pack.name}`);
    this.lru.deletePrefix(`w:${pack.name}:`);
    this.lru.deletePrefix(`b:${pack.name}:`);
  }

  /** Lists objects/pack again; true when a pack was added. */
  protected async refreshPacks(): Promise<boolean> {
    const dir = join(this.gitdir, 'objects', 'pack');
    let names: string[];
    try {
      names = (await this.fs.promises.readdir(dir)) as string[];
    } catch {
      return false;
    }
    let added = false;
    for (const name of names) {
      if (!name.endsWith('.idx') || this.packs.has(name)) continue;
      const packPath = join(dir, name.replace(/\.idx$/, '.pack'));
      const size = await fileSize(this.fs, packPath).catch(() => null);
      if (size === null) continue; // an index without its pack: being written or removed
      this.packs.set(name, { name, packPath, idxPath: join(dir, name), size });
      added = true;
    }
    return added;
  }

  private async index(pack: Pack): Promise<PackIndex> {
    const hit = this.lru.get(`i:${pack.name}`) as PackIndex | undefined;
    if (hit) return hit;
    const index = parseIndex(await readWhole(this.fs, pack.idxPath), `pack index ${pack.name}`);
    this.lru.set(`i:${pack.name}`, index, index.idx.length + index.count * 8);
    return index;
  }

  /** Bytes [start, end) of a pack, through the window cache. */
  private async packBytes(pack: Pack, start: number, end: number): Promise<Buffer> {
    const reader = rangeReader(this.fs);
    if (!reader) {
      // A file system without open(): the whole pack is one window.
      let all = this.lru.get(`w:${pack.name}:all`) as Buffer | undefined;
      if (!all) this.lru.set(`w:${pack.name}:all`, (all = Buffer.from(await this.fs.promises.readFile(pack.packPath))), pack.size);
      return all.subarray(start, end);
    }
    const readRange = async (from: number, to: number): Promise<Buffer> => {
      const { buf, bytesRead } = await reader.read(pack.packPath, from, to);
      if (bytesRead !== buf.length) throw corrupt(`pack ${pack.name}`, 'truncated pack');
      return buf;
    };
    const size = reader.sync ? SYNC_PACK_WINDOW_BYTES : PACK_WINDOW_BYTES;
    if (end - start > size) return readRange(start, end);
    const parts: Buffer[] = [];
    for (let w = Math.floor(start / size); w * size < end; w++) {
      let win = this.lru.get(`w:${pack.name}:${w}`) as Buffer | undefined;
      if (!win) {
        win = await readRange(w * size, Math.min((w + 1) * size, pack.size));
        this.lru.set(`w:${pack.name}:${w}`, win, win.length);
      }
      const base = w * size;
      parts.push(win.subarray(Math.max(start - base, 0), Math.min(end - base, win.length)));
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  private async readPacked(pack: Pack, offset: number, depth: number): Promise<StoredObject> {
    const where = `pack ${pack.name} at offset ${offset}`;
    const key = `b:${pack.name}:${offset}`;
    const hit = this.lru.get(key) as StoredObject | undefined;
    if (hit) return hit;
    if (depth > 64) throw corrupt(where, 'delta chain too deep');
    const end = entryEnd(await this.index(pack), offset, pack.size);
    if (offset < 12 || end > pack.size - 20 || end <= offset) throw corrupt(where, 'truncated pack (the entry lies past the end of the file)');
    const data = await this.packBytes(pack, offset, end);
    let pos = 0;
    let c = data[pos++]!;
    const typeCode = (c >> 4) & 7;
    let size = c & 0x0f;
    for (let shift = 4; c & 0x80; shift += 7) {
      if (pos >= data.length) throw corrupt(where, 'truncated entry header');
      c = data[pos++]!;
      size += (c & 0x7f) * 2 ** shift;
    }
    let base: StoredObject | undefined;
    if (typeCode === 6) {
      c = data[pos++]!;
      let rel = c & 0x7f;
      while (c & 0x80) {
        c = data[pos++]!;
        rel = (rel + 1) * 128 + (c & 0x7f);
      }
      base = await this.readPacked(pack, offset - rel, depth + 1);
    } else if (typeCode === 7) {
      base = await this.readAny(data.toString('hex', pos, pos + 20));
      pos += 20;
    }
    let inflated: Buffer;
    try {
      inflated = inflateSync(data.subarray(pos), { chunkSize: inflateChunk(size) });
    } catch {
      throw corrupt(where, 'the entry does not inflate (bad zlib data)');
    }
    if (inflated.length !== size) throw corrupt(where, `the entry inflates to ${inflated.length} bytes, its header says ${size}`);
    if (base) {
      const result = { type: base.type, content: applyDelta(inflated, base.content, where) };
      if (result.content.length <= this.lru.maxBytes / 16) this.lru.set(key, result, result.content.length + 64);
      return result;
    }
    const type = TYPES[typeCode];
    if (!type) throw corrupt(where, `unknown pack entry type ${typeCode}`);
    return { type, content: inflated };
  }
}

/**
 * zlib's output chunk for an entry whose header says `size` bytes: the whole object in one
 * buffer (zlib's default allocates 16 KiB per call, which for ~12k small objects of a 10k-method
 * deployment was most of a cold read's allocation and GC), capped so that a lying header
 * cannot make one read allocate more than 1 MiB up front.
 */
function inflateChunk(size: number): number {
  return Math.min(Math.max(64, size + 1), 1 << 20);
}
