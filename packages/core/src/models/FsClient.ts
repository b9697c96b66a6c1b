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
  };
}

/** Options every store function takes. */
export interface RepoOptions {
  fs: FsClient;
  /** The bare repository (e.g. "/work/petstore/.gitway"). */
  gitdir: string;
  /** Shared cache for isomorphic-git pack reads; pass the same object across calls. */
  cache?: Record<string, unknown>;
}
