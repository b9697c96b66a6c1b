import { createHash } from 'node:crypto';

export type ObjectType = 'blob' | 'tree' | 'commit';

/** A git object ready to be written: its id, type and uncompressed content. */
export interface GitObject {
  oid: string;
  type: ObjectType;
  content: Buffer;
}

/** The id git names `content` of `type` by: sha1 of "type len\0content". */
export function objectId(type: string, content: Buffer): string {
  return createHash('sha1').update(`${type} ${content.length}\0`).update(content).digest('hex');
}

/** Hashes `content` as a git object of `type`. */
export function hashObject(type: ObjectType, content: Buffer): GitObject {
  return { oid: objectId(type, content), type, content };
}

export interface TreeEntry {
  mode: '100644' | '40000';
  name: string;
  oid: string;
}

/** Git's tree entry order: byte order of names, directories compared as "name/". */
function entryKey(e: TreeEntry): string {
  return e.mode === '40000' ? e.name + '/' : e.name;
}

export function encodeTree(entries: TreeEntry[]): Buffer {
  // Sort keys are encoded once per entry, not once per comparison.
  const keyed = entries.map((e) => ({ e, key: Buffer.from(entryKey(e)) }));
  keyed.sort((a, b) => Buffer.compare(a.key, b.key));
  const parts: Buffer[] = [];
  for (const { e } of keyed) {
    parts.push(Buffer.from(`${e.mode} ${e.name}\0`), Buffer.from(e.oid, 'hex'));
  }
  return Buffer.concat(parts);
}

export interface Signature {
  name: string;
  email: string;
  /** seconds since epoch */
  timestamp: number;
  /** minutes, as git stores it: east of UTC is positive ("+0100" = 60) */
  timezoneOffset: number;
}

function formatSignature(s: Signature): string {
  const sign = s.timezoneOffset < 0 ? '-' : '+';
  const abs = Math.abs(s.timezoneOffset);
  const tz = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  return `${s.name} <${s.email}> ${s.timestamp} ${tz}`;
}

export function encodeCommit(c: { tree: string; parents: string[]; author: Signature; committer?: Signature; message: string }): Buffer {
  let text = `tree ${c.tree}\n`;
  for (const p of c.parents) text += `parent ${p}\n`;
  text += `author ${formatSignature(c.author)}\n`;
  text += `committer ${formatSignature(c.committer ?? c.author)}\n`;
  text += `\n${c.message.endsWith('\n') ? c.message : c.message + '\n'}`;
  return Buffer.from(text, 'utf8');
}

/** One node of an in-memory tree built from a flat file list. */
export interface BuiltTree {
  object: GitObject;
  /** name -> child (subtree or blob) */
  children: Map<string, BuiltTree | GitObject>;
}

/**
 * Builds blobs and trees for `files` (path -> text) bottom-up, in memory. Nothing is
 * written; the caller decides which objects are new. Each text is hashed as soon as it is
 * read, so `files` may be a generator that serializes lazily (the text then dies young).
 */
export function buildTree(files: Iterable<[string, string]>): BuiltTree {
  interface Dir { dirs: Map<string, Dir>; blobs: Map<string, GitObject> }
  const root: Dir = { dirs: new Map(), blobs: new Map() };
  for (const [path, text] of files) {
    const parts = path.split('/');
    const name = parts.pop()!;
    let dir = root;
    for (const p of parts) {
      let next = dir.dirs.get(p);
      if (!next) dir.dirs.set(p, (next = { dirs: new Map(), blobs: new Map() }));
      dir = next;
    }
    dir.blobs.set(name, hashObject('blob', Buffer.from(text, 'utf8')));
  }
  const build = (dir: Dir): BuiltTree => {
    const children = new Map<string, BuiltTree | GitObject>();
    const entries: TreeEntry[] = [];
    for (const [name, sub] of dir.dirs) {
      const t = build(sub);
      children.set(name, t);
      entries.push({ mode: '40000', name, oid: t.object.oid });
    }
    for (const [name, blob] of dir.blobs) {
      children.set(name, blob);
      entries.push({ mode: '100644', name, oid: blob.oid });
    }
    return { object: hashObject('tree', encodeTree(entries)), children };
  };
  return build(root);
}

export interface CommitInfo {
  oid: string;
  tree: string;
  parents: string[];
  message: string;
  author: Signature;
  /** When the commit was made (the walk order of history), as git orders commits. */
  committer: Signature;
}

/** Parses "Name <email> 1700000000 +0100" (git's signature line). */
function parseSignature(line: string): Signature {
  const m = /^(.*) <(.*)> (\d+) ([+-])(\d\d)(\d\d)$/.exec(line);
  if (!m) return { name: line, email: '', timestamp: 0, timezoneOffset: 0 };
  const minutes = Number(m[5]) * 60 + Number(m[6]);
  return { name: m[1]!, email: m[2]!, timestamp: Number(m[3]), timezoneOffset: m[4] === '-' ? -minutes : minutes };
}

/** Parses a commit object's content (git's format: headers, a blank line, the message). */
export function parseCommit(oid: string, content: Buffer): CommitInfo {
  const text = content.toString('utf8');
  const split = text.indexOf('\n\n');
  const headers = (split === -1 ? text : text.slice(0, split)).split('\n');
  const info: CommitInfo = { oid, tree: '', parents: [], message: split === -1 ? '' : text.slice(split + 2), author: parseSignature(''), committer: parseSignature('') };
  for (const line of headers) {
    const sp = line.indexOf(' ');
    const key = line.slice(0, sp);
    const value = line.slice(sp + 1);
    if (key === 'tree') info.tree = value;
    else if (key === 'parent') info.parents.push(value);
    else if (key === 'author') info.author = parseSignature(value);
    else if (key === 'committer') info.committer = parseSignature(value);
  }
  return info;
}
