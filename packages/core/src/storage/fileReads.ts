import type { FsClient } from '../models/FsClient.js';

/*
 * The repository's reads of small things — loose objects, refs, pack indexes, ranges of a
 * pack, existence checks — done as git does them: one synchronous system call each when
 * the fs offers node's sync calls (FsClient's optional members), else through
 * `fs.promises`. A promise read costs several thread-pool round trips (readFile: open,
 * fstat, read, close), which on a loaded machine cost more than the read itself; these
 * files are small or page-cached, so the event loop is held for microseconds. Errors are
 * the same either way (node's sync and promise calls throw the same `code`).
 */

/**
 * The whole file at `path`.
 *
 * @example
 * const raw = await readWhole(fs, join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2)));
 */
export async function readWhole(fs: FsClient, path: string): Promise<Buffer> {
  const data = fs.readFileSync ? fs.readFileSync(path) : await fs.promises.readFile(path);
  return Buffer.isBuffer(data) ? data : Buffer.from(data as Uint8Array);
}

/** Reads ranges of files (positional reads; the file is opened once per range); `sync`: by sync calls. */
export interface RangeReader {
  sync: boolean;
  read(path: string, from: number, to: number): Promise<{ buf: Buffer; bytesRead: number }>;
}

/**
 * How `fs` reads a range of a file: synchronously (openSync/readSync/closeSync), through
 * `promises.open`, or null when it can do neither (the caller then reads the whole file).
 *
 * @example
 * const reader = rangeReader(fs);
 * if (reader) console.log((await reader.read(packPath, 0, 12)).buf.toString('latin1', 0, 4)); // 'PACK'
 */
export function rangeReader(fs: FsClient): RangeReader | null {
  const { openSync, readSync, closeSync } = fs;
  if (openSync && readSync && closeSync) {
    const read = async (path: string, from: number, to: number) => {
      const fd = openSync(path, 'r');
      try {
        const buf = Buffer.allocUnsafe(to - from);
        return { buf, bytesRead: readSync(fd, buf, 0, buf.length, from) };
      } finally {
        closeSync(fd);
      }
    };
    return { sync: true, read };
  }
  const open = fs.promises.open;
  if (!open) return null;
  const read = async (path: string, from: number, to: number) => {
    const handle = await open.call(fs.promises, path, 'r');
    try {
      const buf = Buffer.allocUnsafe(to - from);
      return { buf, bytesRead: (await handle.read(buf, 0, buf.length, from)).bytesRead };
    } finally {
      await handle.close();
    }
  };
  return { sync: false, read };
}

/**
 * Which of `paths` exist (any error counts as absent), in order.
 *
 * @example
 * const [here] = await existing(fs, [join(gitdir, 'objects', 'ab', 'cdef...')]);
 */
export async function existing(fs: FsClient, paths: string[]): Promise<boolean[]> {
  const { statSync } = fs;
  if (statSync) {
    return paths.map((p) => {
      try {
        return statSync(p, { throwIfNoEntry: false }) !== undefined;
      } catch {
        return false;
      }
    });
  }
  return Promise.all(paths.map((p) => fs.promises.stat(p).then(() => true, () => false)));
}

/**
 * The size of the file at `path`, or null when it does not exist (ENOENT, ENOTDIR);
 * other errors are thrown.
 *
 * @example
 * const size = await fileSize(fs, packPath); // null: the pack went away
 */
export async function fileSize(fs: FsClient, path: string): Promise<number | null> {
  try {
    const stat = (fs.statSync ? fs.statSync(path, { throwIfNoEntry: false }) : await fs.promises.stat(path)) as { size: number | bigint } | undefined;
    return stat === undefined ? null : Number(stat.size);
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw err;
  }
}
