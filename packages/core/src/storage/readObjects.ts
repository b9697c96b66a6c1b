import git from 'isomorphic-git';
import type { RepoOptions } from '../models/FsClient.js';
import type { Api } from '../models/types.js';
import { filesToApi } from '../models/apiTree.js';
import { NotFoundError } from '../errors/NotFoundError.js';

export interface CommitInfo {
  oid: string;
  tree: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; timestamp: number; timezoneOffset: number };
}

function cacheOf(opts: RepoOptions): Record<string, unknown> {
  return opts.cache ?? {};
}

/** Reads a commit; NotFoundError when it is missing or not a commit. */
export async function readCommit(opts: RepoOptions, oid: string): Promise<CommitInfo> {
  try {
    const { commit } = await git.readCommit({ fs: opts.fs, gitdir: opts.gitdir, oid, cache: cacheOf(opts) });
    return { oid, tree: commit.tree, parents: commit.parent, message: commit.message, author: commit.author };
  } catch (err) {
    throw new NotFoundError(`commit ${oid} not found in ${opts.gitdir}`, { what: 'commit', name: oid, cause: String(err) });
  }
}

export interface TreeItem {
  path: string;
  mode: string;
  oid: string;
  type: 'blob' | 'tree' | 'commit';
}

export async function readTree(opts: RepoOptions, oid: string): Promise<TreeItem[]> {
  const { tree } = await git.readTree({ fs: opts.fs, gitdir: opts.gitdir, oid, cache: cacheOf(opts) });
  return tree as TreeItem[];
}

export async function readJsonBlob<T = unknown>(opts: RepoOptions, oid: string): Promise<T> {
  const { blob } = await git.readBlob({ fs: opts.fs, gitdir: opts.gitdir, oid, cache: cacheOf(opts) });
  return JSON.parse(Buffer.from(blob).toString('utf8')) as T;
}

/** Every blob under tree `oid` as [path, oid]. */
export async function listBlobs(opts: RepoOptions, oid: string, prefix = ''): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const item of await readTree(opts, oid)) {
    const path = prefix ? `${prefix}/${item.path}` : item.path;
    if (item.type === 'tree') out.push(...(await listBlobs(opts, item.oid, path)));
    else if (item.type === 'blob') out.push([path, item.oid]);
  }
  return out;
}

/** The API snapshot of deployment commit `oid`. */
export async function readApiAtCommit(opts: RepoOptions, oid: string): Promise<Api> {
  const commit = await readCommit(opts, oid);
  return readApiTree(opts, commit.tree);
}

/** The API held by deployment tree `treeOid`. */
export async function readApiTree(opts: RepoOptions, treeOid: string): Promise<Api> {
  const blobs = await listBlobs(opts, treeOid);
  const files: [string, unknown][] = [];
  for (const [path, blobOid] of blobs) files.push([path, await readJsonBlob(opts, blobOid)]);
  return filesToApi(files);
}
