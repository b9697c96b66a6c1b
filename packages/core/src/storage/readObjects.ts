import type { RepoOptions } from '../models/FsClient.js';
import type { Api } from '../models/types.js';
import { filesToApi } from '../models/apiTree.js';
import { NotFoundError } from '../errors/NotFoundError.js';
import { parseCommit, type CommitInfo } from './gitObjects.js';
import { repoOf } from './Repo.js';

export type { CommitInfo };

/** API Gateway's Deployment shape (+ parents and author) of deployment commit `c`. */
export function deploymentInfo(c: CommitInfo): { id: string; description?: string; createdDate: string; parents: string[]; author: { name: string; email: string } } {
  const description = c.message.replace(/\n$/, '');
  return {
    id: c.oid,
    ...(description ? { description } : {}),
    createdDate: new Date(c.author.timestamp * 1000).toISOString(),
    parents: c.parents,
    author: { name: c.author.name, email: c.author.email },
  };
}

async function readTyped(opts: RepoOptions, oid: string, type: 'commit' | 'tree' | 'blob') {
  return (await repoOf(opts).read(oid, type)).content;
}

/** Reads a commit; NotFoundError when it is missing or not a commit, CorruptObjectError when damaged. */
export async function readCommit(opts: RepoOptions, oid: string): Promise<CommitInfo> {
  let content: Buffer;
  try {
    content = await readTyped(opts, oid, 'commit');
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    throw new NotFoundError(`commit ${oid} not found in the repository`, { what: 'commit', name: oid, cause: err.name });
  }
  return parseCommit(oid, content);
}

export interface TreeItem {
  path: string;
  mode: string;
  oid: string;
  type: 'blob' | 'tree' | 'commit';
}

export async function readTree(opts: RepoOptions, oid: string): Promise<TreeItem[]> {
  const buf = await readTyped(opts, oid, 'tree');
  const items: TreeItem[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const sp = buf.indexOf(0x20, pos);
    const nul = buf.indexOf(0, sp);
    const mode = buf.toString('latin1', pos, sp);
    const path = buf.toString('utf8', sp + 1, nul);
    const entryOid = buf.toString('hex', nul + 1, nul + 21);
    const type = mode === '40000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
    items.push({ path, mode: mode === '40000' ? '040000' : mode, oid: entryOid, type });
    pos = nul + 21;
  }
  return items;
}

/** A blob's text (UTF-8). */
export async function readBlobText(opts: RepoOptions, oid: string): Promise<string> {
  return (await readTyped(opts, oid, 'blob')).toString('utf8');
}

export async function readJsonBlob<T = unknown>(opts: RepoOptions, oid: string): Promise<T> {
  return JSON.parse(await readBlobText(opts, oid)) as T;
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

/** The API held by deployment tree `treeOid`. */
export async function readApiTree(opts: RepoOptions, treeOid: string): Promise<Api> {
  const blobs = await listBlobs(opts, treeOid);
  const files: [string, unknown][] = [];
  for (const [path, blobOid] of blobs) files.push([path, await readJsonBlob(opts, blobOid)]);
  return filesToApi(files);
}
