/**
 * The file system gitway is given, isomorphic-git style: an object with a `promises`
 * member shaped like node's `fs.promises`. Besides what isomorphic-git needs, gitway
 * needs `rename` (atomic object/ref writes) and exclusive create (`{ flag: 'wx' }`)
 * for `<ref>.lock` files. Node's `fs` module satisfies it.
 */
export interface FsClient {
  promises: {
    readFile(path: string, options?: unknown): Promise<any>;
    writeFile(path: string, data: string | Uint8Array, options?: unknown): Promise<void>;
    mkdir(path: string, options?: unknown): Promise<unknown>;
    rmdir(path: string, options?: unknown): Promise<void>;
    unlink(path: string): Promise<void>;
    stat(path: string, options?: unknown): Promise<any>;
    lstat(path: string, options?: unknown): Promise<any>;
    readdir(path: string, options?: unknown): Promise<any>;
    readlink(path: string, options?: unknown): Promise<any>;
    symlink(target: string, path: string, type?: unknown): Promise<void>;
    chmod(path: string, mode: number): Promise<void>;
    rename(from: string, to: string): Promise<void>;
    /** Optional: lets a received pack be streamed to disk; without it the pack is held in memory (up to the limit). */
    appendFile?(path: string, data: string | Uint8Array): Promise<void>;
    /** Optional: packs are read in 1 MiB windows through it; without it a pack is read whole (then cached like a window). */
    open?(path: string, flags: string): Promise<{ read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>; close(): Promise<void> }>;
  };
  /*
   * Optional, node's sync calls (node's `fs` has them): the repository's small reads —
   * loose objects, refs, pack indexes, pack ranges, existence checks — are one system
   * call each through them, as git does, instead of several thread-pool round trips
   * through `promises` (storage/fileReads.ts). Without them everything goes through `promises`.
   */
  readFileSync?(path: string): Uint8Array;
  statSync?(path: string, options: { throwIfNoEntry: false }): unknown;
  openSync?(path: string, flags: string): number;
  readSync?(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  closeSync?(fd: number): void;
}

/** Options every store function takes. */
export interface RepoOptions {
  fs: FsClient;
  /** The bare repository (e.g. "/work/petstore/.gitway"). */
  gitdir: string;
  /**
   * Pass the same object across calls to share one storage owner (storage/Repo.ts: pack
   * indexes, pack windows and objects in one LRU bounded at 32 MiB per repository).
   * Without it, a default Repo per (fs, gitdir) is kept (at most 8 per fs object).
   */
  cache?: Record<string, unknown>;
}
