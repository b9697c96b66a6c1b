import { readObject } from './objectStore.js';
import type { RepoOptions } from '../models/FsClient.js';
import type { Api } from '../models/types.js';
import { filesToApi } from '../models/apiTree.js';
import { NotFoundError } from '../errors/NotFoundError.js';
import { errnoCode } from '../utils/fsError.js';

export interface CommitInfo {
  oid: string;
  tree: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; timestamp: number; timezoneOffset: number };
}

/** API Gateway's Deployment shape (+ parents and author) of deployment commit `c`. */
export function deploymentInfo(c: CommitInfo): { id: string; description: string; createdDate: string; parents: string[]; author: { name: string; email: string } } {
  return {
    id: c.oid,
    description: c.message.replace(/\n$/, ''),
    createdDate: new Date(c.author.timestamp * 1000).toISOString(),
    parents: c.parents,
    author: { name: c.author.name, email: c.author.email },
  };
}

/** Parses "Name <email> 1700000000 +0100" (git's signature line). */
function parseSignature(line: string): CommitInfo['author'] {
  const m = /^(.*) <(.*)> (\d+) ([+-])(\d\d)(\d\d)$/.exec(line);
  if (!m) return { name: line, email: '', timestamp: 0, timezoneOffset: 0 };
  const minutes = Number(m[5]) * 60 + Number(m[6]);
  return { name: m[1]!, email: m[2]!, timestamp: Number(m[3]), timezoneOffset: m[4] === '-' ? -minutes : minutes };
}

async function readTyped(opts: RepoOptions, oid: string, type: 'commit' | 'tree' | 'blob') {
  const obj = await readObject(opts, oid);
  if (obj.type !== type) throw new NotFoundError(`object ${oid} is a ${obj.type}, not a ${type}`, { what: type, name: oid });
  return obj.content;
}

/** Reads a commit; NotFoundError when it is missing or not a commit. */
export async function readCommit(opts: RepoOptions, oid: string): Promise<CommitInfo> {
  let content: Buffer;
  try {
    content = await readTyped(opts, oid, 'commit');
  } catch (err) {
    throw new NotFoundError(`commit ${oid} not found in the repository`, { what: 'commit', name: oid, cause: errnoCode(err) || (err as Error)?.name });
  }
  const text = content.toString('utf8');
  const split = text.indexOf('\n\n');
  const headers = (split === -1 ? text : text.slice(0, split)).split('\n');
  const info: CommitInfo = { oid, tree: '', parents: [], message: split === -1 ? '' : text.slice(split + 2), author: parseSignature('') };
  for (const line of headers) {
    const sp = line.indexOf(' ');
    const key = line.slice(0, sp);
    const value = line.slice(sp + 1);
    if (key === 'tree') info.tree = value;
    else if (key === 'parent') info.parents.push(value);
    else if (key === 'author') info.author = parseSignature(value);
  }
  return info;
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
