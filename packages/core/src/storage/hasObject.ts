import type { FsClient } from '../models/FsClient.js';
import { join } from '../utils/join.js';

type IdxCache = Map<string, Buffer>;
const IDX_CACHE = Symbol.for('gitway.idxCache');

function idxCache(cache: Record<string | symbol, unknown>): IdxCache {
  return ((cache as Record<symbol, IdxCache>)[IDX_CACHE] ??= new Map());
}

function idxHas(idx: Buffer, oid: string): boolean {
  const target = Buffer.from(oid, 'hex');
  const first = target[0]!;
  let lo = first === 0 ? 0 : idx.readUInt32BE(8 + (first - 1) * 4);
  let hi = idx.readUInt32BE(8 + first * 4);
  const base = 8 + 256 * 4;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const cmp = Buffer.compare(idx.subarray(base + mid * 20, base + mid * 20 + 20), target);
    if (cmp === 0) return true;
    if (cmp < 0) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/**
 * Whether the object `oid` exists, loose or in any pack (version 2 indexes are read
 * once per cache and binary-searched).
 */
export async function hasObject(fs: FsClient, gitdir: string, oid: string, cache: Record<string | symbol, unknown> = {}): Promise<boolean> {
  try {
    await fs.promises.stat(join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2)));
    return true;
  } catch {
    /* not loose */
  }
  let names: string[] = [];
  try {
    names = (await fs.promises.readdir(join(gitdir, 'objects', 'pack'))) as string[];
  } catch {
    return false;
  }
  const idxs = idxCache(cache);
  for (const name of names) {
    if (!name.endsWith('.idx')) continue;
    const path = join(gitdir, 'objects', 'pack', name);
    let idx = idxs.get(path);
    if (!idx) {
      idx = Buffer.from(await fs.promises.readFile(path));
      idxs.set(path, idx);
    }
    if (idx.readUInt32BE(0) === 0xff744f63 && idxHas(idx, oid)) return true;
  }
  return false;
}
