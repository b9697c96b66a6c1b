import type { FsClient, RepoOptions } from '../models/FsClient.js';
import { join, dirname } from '../utils/join.js';
import { StageMovedError } from '../errors/StageMovedError.js';
import { RefMovedError } from '../errors/RefMovedError.js';
import { LockedError } from '../errors/LockedError.js';
import { InvalidNameError } from '../errors/InvalidNameError.js';
import { RefConflictError } from '../errors/RefConflictError.js';
import { printableName, refNameProblem } from '../models/refName.js';
import { errnoCode, fsError } from '../utils/fsError.js';
import { readWhole } from './fileReads.js';

/** A lock older than this is left by a dead process (locks are held for milliseconds). */
const STALE_LOCK_MS = 10_000;

function isCode(err: unknown, code: string): boolean {
  return errnoCode(err) === code;
}

/** Names of the repository's own one-level refs (HEAD, MERGE_HEAD, ...). */
const ONE_LEVEL = /^[A-Z][A-Z_]*$/;

/**
 * The one place a ref name becomes a file path: `ref` must be a one-level name (HEAD,
 * MERGE_HEAD) or a `refs/...` name by git's check-ref-format rules, and the resolved
 * path must stay inside `gitdir`. Every ref read and write in core goes through it, so a
 * name from a remote, a URL or a revision can never reach a file outside the repository.
 * The error names the ref, never the repository's absolute path.
 *
 * @example
 * refPath('/srv/api/.gitway', 'refs/stages/prod'); // '/srv/api/.gitway/refs/stages/prod'
 * refPath('/srv/api/.gitway', 'refs/heads/../../x'); // throws InvalidNameError
 */
export function refPath(gitdir: string, ref: string, dir = false): string {
  const oneLevel = typeof ref === 'string' && (ONE_LEVEL.test(ref) || (dir && ref === 'refs'));
  const problem = oneLevel ? null : !String(ref).startsWith('refs/') ? "does not start with 'refs/'" : refNameProblem(ref);
  if (problem) throw new InvalidNameError(`invalid ref name '${printableName(ref)}': ${problem}`, { kind: 'ref', name: ref });
  const base = resolveLexically(gitdir);
  const path = resolveLexically(join(gitdir, ref));
  if (!path.startsWith(base + '/')) throw new InvalidNameError(`invalid ref name '${printableName(ref)}': it leaves the repository`, { kind: 'ref', name: ref });
  return join(gitdir, ref);
}

/** `a/./b/../c` -> `a/c` (no file system access; leading `..` kept). */
function resolveLexically(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..' && out.length && out[out.length - 1] !== '..' && out[out.length - 1] !== '') out.pop();
    else if (part !== '.' && !(part === '' && out.length)) out.push(part);
  }
  return out.join('/');
}

async function readText(fs: FsClient, path: string): Promise<string | null> {
  try {
    return (await readWhole(fs, path)).toString('utf8');
  } catch (err) {
    if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR') || isCode(err, 'EISDIR')) return null;
    throw fsError(err, 'read the repository');
  }
}

/** Parses packed-refs into ref -> oid. */
export async function readPackedRefs(opts: RepoOptions): Promise<Map<string, string>> {
  const { fs, gitdir } = opts;
  const text = await readText(fs, join(gitdir, 'packed-refs'));
  const refs = new Map<string, string>();
  if (!text) return refs;
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('^')) continue;
    const [oid, name] = line.split(' ');
    // A broken name (written by another tool) is ignored, as git does ("ignoring ref with broken name").
    if (oid && name && refNameProblem(name) === null) refs.set(name, oid);
  }
  return refs;
}

/** The oid a full ref name points at (following symbolic refs), or null. */
export async function readRef(opts: RepoOptions, ref: string, depth = 0): Promise<string | null> {
  const { fs, gitdir } = opts;
  if (depth > 5) return null;
  const text = await readText(fs, refPath(gitdir, ref));
  if (text !== null) {
    const value = text.trim();
    if (value.startsWith('ref: ')) return readRef(opts, value.slice(5), depth + 1);
    return /^[0-9a-f]{40}$/.test(value) ? value : null;
  }
  return (await readPackedRefs(opts)).get(ref) ?? null;
}

/** The target of a symbolic ref (HEAD -> "refs/heads/main"), or null when not symbolic. */
export async function readSymbolicRef(opts: RepoOptions, ref: string): Promise<string | null> {
  const { fs, gitdir } = opts;
  const text = await readText(fs, refPath(gitdir, ref));
  if (text === null) return null;
  const value = text.trim();
  return value.startsWith('ref: ') ? value.slice(5) : null;
}

/** Every ref under `prefix` ("refs/stages/"), loose and packed, name -> oid. */
export async function listRefs(opts: RepoOptions, prefix: string): Promise<Map<string, string>> {
  const { fs, gitdir } = opts;
  const out = new Map<string, string>();
  for (const [name, oid] of await readPackedRefs(opts)) if (name.startsWith(prefix)) out.set(name, oid);
  const walk = async (rel: string): Promise<void> => {
    let names: string[];
    try {
      names = (await fs.promises.readdir(refPath(gitdir, rel, true))) as string[];
    } catch {
      return;
    }
    for (const name of names) {
      const child = `${rel}/${name}`;
      if (refNameProblem(child) !== null) continue;
      const stat = await fs.promises.stat(refPath(gitdir, child, true)).catch(() => null);
      if (!stat) continue;
      if (stat.isDirectory()) await walk(child);
      else {
        const text = await readText(fs, refPath(gitdir, child));
        const value = text?.trim() ?? '';
        if (/^[0-9a-f]{40}$/.test(value)) out.set(child, value);
      }
    }
  };
  await walk(prefix.replace(/\/$/, ''));
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Takes `<path>.lock` with an exclusive create, as native git does. A lock left by a
 * crashed process (older than STALE_LOCK_MS) is broken once; a live one is LockedError.
 */
async function acquireLock(fs: FsClient, lockPath: string, content: string, ref: string): Promise<void> {
  await fs.promises.mkdir(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.promises.writeFile(lockPath, content, { flag: 'wx' });
      return;
    } catch (err) {
      if (!isCode(err, 'EEXIST')) {
        // Ours if it was created (a write that failed half way, e.g. ENOSPC): never leave it.
        if (!isCode(err, 'ENOENT') && !isCode(err, 'ENOTDIR')) await fs.promises.unlink(lockPath).catch(() => undefined);
        throw err;
      }
      const stat = await fs.promises.stat(lockPath).catch(() => null);
      if (stat && !stat.isFile()) throw err;
      if (stat && Date.now() - Number(stat.mtimeMs) > STALE_LOCK_MS) {
        await fs.promises.unlink(lockPath).catch(() => undefined);
        continue;
      }
      throw new LockedError(`Unable to lock ${ref}: '${ref}.lock' exists (another gitway or git process is updating it)`, { ref });
    }
  }
  throw new LockedError(`Unable to lock ${ref}`, { ref });
}

/**
 * Compare-and-swap update of `ref` under `<ref>.lock`: succeeds only if the ref still
 * points at `expected` (null = must not exist; undefined = no check). The new value is
 * written into the lock file and renamed over the ref, so readers see old or new.
 */
export async function updateRef(opts: RepoOptions, ref: string, newOid: string, expected?: string | null): Promise<void> {
  const { fs, gitdir } = opts;
  const path = refPath(gitdir, ref);
  const lockPath = path + '.lock';
  try {
    await acquireLock(fs, lockPath, newOid + '\n', ref);
  } catch (err) {
    throw await refWriteError(fs, gitdir, ref, err);
  }
  try {
    const actual = await readRef(opts, ref);
    if (expected !== undefined && actual !== expected) {
      throw refMoved(ref, expected, actual);
    }
    if (actual === null) await assertNoPackedConflict(fs, gitdir, ref);
    await fs.promises.rename(lockPath, path);
  } catch (err) {
    await fs.promises.unlink(lockPath).catch(() => undefined);
    throw await refWriteError(fs, gitdir, ref, err);
  }
}

/** A lost compare-and-swap on `ref`: StageMovedError for a stage, RefMovedError for a branch or any other ref. */
function refMoved(ref: string, expected: string | null, actual: string | null): RefMovedError {
  const message = `${ref} moved (expected ${expected ?? 'nothing'}, found ${actual ?? 'nothing'}); retry`;
  return ref.startsWith('refs/stages/') ? new StageMovedError(message, { ref, expected, actual }) : new RefMovedError(message, { ref, expected, actual });
}

/** git's D/F conflict message: another ref is in the way of `ref` as a file or a directory. */
function conflict(ref: string, existing: string): RefConflictError {
  return new RefConflictError(`cannot lock ref '${ref}': '${existing}' exists; cannot create '${ref}'`, { ref, existing });
}

async function assertNoPackedConflict(fs: FsClient, gitdir: string, ref: string): Promise<void> {
  for (const name of (await readPackedRefs({ fs, gitdir })).keys()) {
    if (name.startsWith(ref + '/') || ref.startsWith(name + '/')) throw conflict(ref, name);
  }
}

/** A failed ref write as a gitway error: a D/F conflict in git's wording, or fsError's mapping. */
async function refWriteError(fs: FsClient, gitdir: string, ref: string, err: unknown): Promise<unknown> {
  if (['EEXIST', 'ENOTDIR', 'EISDIR'].includes(errnoCode(err))) {
    const parts = ref.split('/');
    for (let i = 2; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      const stat = await fs.promises.stat(refPath(gitdir, prefix)).catch(() => null);
      if (stat?.isFile()) return conflict(ref, prefix);
    }
    const below = await listRefs({ fs, gitdir }, ref + '/');
    const first = [...below.keys()][0];
    if (first) return conflict(ref, first);
    const stat = await fs.promises.stat(refPath(gitdir, ref)).catch(() => null);
    if (stat?.isDirectory()) return conflict(ref, `${ref}/`);
  }
  return fsError(err, `write ${ref}`);
}

/** Compare-and-swap delete of `ref`, loose and packed (packed-refs rewritten under its lock). */
export async function deleteRef(opts: RepoOptions, ref: string, expected?: string): Promise<void> {
  const { fs, gitdir } = opts;
  const path = refPath(gitdir, ref);
  const lockPath = path + '.lock';
  try {
    await acquireLock(fs, lockPath, '', ref);
  } catch (err) {
    throw fsError(err, `delete ${ref}`);
  }
  try {
    const actual = await readRef(opts, ref);
    if (expected !== undefined && actual !== expected) {
      throw refMoved(ref, expected, actual);
    }
    const packed = await readPackedRefs(opts);
    if (packed.has(ref)) {
      const packedPath = join(gitdir, 'packed-refs');
      const text = ((await readText(fs, packedPath)) ?? '').split('\n');
      const kept: string[] = [];
      for (let i = 0; i < text.length; i++) {
        const line = text[i]!;
        if (line.endsWith(' ' + ref)) {
          if (text[i + 1]?.startsWith('^')) i++;
          continue;
        }
        kept.push(line);
      }
      await acquireLock(fs, packedPath + '.lock', kept.join('\n'), 'packed-refs');
      await fs.promises.rename(packedPath + '.lock', packedPath);
    }
    await fs.promises.unlink(path).catch((err) => {
      if (!isCode(err, 'ENOENT')) throw err;
    });
  } catch (err) {
    throw fsError(err, `delete ${ref}`);
  } finally {
    await fs.promises.unlink(lockPath).catch(() => undefined);
  }
}

/** Writes a symbolic ref (HEAD) atomically. */
export async function writeSymbolicRef(opts: RepoOptions, ref: string, target: string): Promise<void> {
  const { fs, gitdir } = opts;
  const path = refPath(gitdir, ref);
  refPath(gitdir, target);
  try {
    await acquireLock(fs, path + '.lock', `ref: ${target}\n`, ref);
  } catch (err) {
    throw fsError(err, `write ${ref}`);
  }
  try {
    await fs.promises.rename(path + '.lock', path);
  } catch (err) {
    await fs.promises.unlink(path + '.lock').catch(() => undefined);
    throw fsError(err, `write ${ref}`);
  }
}
