/**
 * The index of working definitions (internal): for each definition file, the stat data and
 * content hash seen when its deployment tree was last computed, as git's index does for
 * work-tree files. Stored as `<gitdir>/gitway-index` (JSON), written atomically.
 *
 * An entry answers "which tree does this file hold" without reading the file when its stat
 * data (size, mtime, ctime, inode) is unchanged **and** its mtime is older than the index
 * file itself (git's racy-git rule: a file changed within the same clock tick as the index
 * write could keep the same stat data, so such an entry is re-hashed). Otherwise the file is
 * read and hashed; an equal hash still answers without parsing.
 */
import { createHash } from 'node:crypto';
import type { FsClient } from '../models/FsClient.js';

/** Bump when the import or the tree layout changes: a content hash then maps to another tree. */
const VERSION = 1;
const FILE = 'gitway-index';
const MAX_ENTRIES = 16;

export interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export interface IndexEntry extends FileStat {
  /** SHA-1 of the file's bytes. */
  hash: string;
  /** The deployment tree the file's definition gives. */
  tree: string;
}

interface IndexData {
  entries: Record<string, IndexEntry>;
  /** mtime of the index file: entries modified at or after it are racily clean. */
  writtenMs: number;
}

export function statOf(s: { size: number; mtimeMs: number; ctimeMs: number; ino: number }): FileStat {
  return { size: Number(s.size), mtimeMs: Number(s.mtimeMs), ctimeMs: Number(s.ctimeMs), ino: Number(s.ino) };
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export async function readIndex(fs: FsClient, gitdir: string): Promise<IndexData> {
  const path = `${gitdir}/${FILE}`;
  try {
    const [text, st] = await Promise.all([fs.promises.readFile(path, 'utf8'), fs.promises.stat(path)]);
    const data = JSON.parse(text as string) as { version?: number; entries?: Record<string, IndexEntry> };
    if (data.version !== VERSION || typeof data.entries !== 'object' || data.entries === null) return { entries: {}, writtenMs: 0 };
    return { entries: data.entries, writtenMs: Number(st.mtimeMs) };
  } catch {
    // missing or unreadable: an empty index (it is a cache; the definition is the truth)
    return { entries: {}, writtenMs: 0 };
  }
}

/** True when `stat` proves the file still holds `entry`'s content without reading it. */
export function statClean(entry: IndexEntry, stat: FileStat, writtenMs: number): boolean {
  return entry.size === stat.size && entry.mtimeMs === stat.mtimeMs && entry.ctimeMs === stat.ctimeMs && entry.ino === stat.ino && stat.mtimeMs < writtenMs;
}

/** Records `entry` for `file` (read-modify-write; a lost race only loses a cache entry). */
export async function writeIndexEntry(fs: FsClient, gitdir: string, file: string, entry: IndexEntry): Promise<void> {
  const { entries } = await readIndex(fs, gitdir);
  delete entries[file];
  entries[file] = entry;
  const names = Object.keys(entries);
  for (const old of names.slice(0, Math.max(0, names.length - MAX_ENTRIES))) delete entries[old];
  const path = `${gitdir}/${FILE}`;
  const tmp = `${path}.tmp-${contentHash(new TextEncoder().encode(`${file}\0${entry.hash}\0${entry.mtimeMs}`)).slice(0, 12)}`;
  try {
    await fs.promises.writeFile(tmp, JSON.stringify({ version: VERSION, entries }) + '\n');
    await fs.promises.rename(tmp, path);
  } catch {
    // The index is only a cache: a read-only repository still works, just slower.
    await fs.promises.unlink(tmp).catch(() => undefined);
  }
}
