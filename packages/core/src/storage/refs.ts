import type { FsClient } from '../models/FsClient.js';
import { join, dirname } from '../utils/join.js';
import { StageMovedError } from '../errors/StageMovedError.js';
import { LockedError } from '../errors/LockedError.js';

/** A lock older than this is left by a dead process (locks are held for milliseconds). */
const STALE_LOCK_MS = 10_000;

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === code;
}

async function readText(fs: FsClient, path: string): Promise<string | null> {
  try {
    return (await fs.promises.readFile(path, 'utf8')) as string;
  } catch (err) {
    if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR') || isCode(err, 'EISDIR')) return null;
    throw err;
  }
}

/** Parses packed-refs into ref -> oid. */
export async function readPackedRefs(fs: FsClient, gitdir: string): Promise<Map<string, string>> {
  const text = await readText(fs, join(gitdir, 'packed-refs'));
  const refs = new Map<string, string>();
  if (!text) return refs;
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('^')) continue;
    const [oid, name] = line.split(' ');
    if (oid && name) refs.set(name, oid);
  }
  return refs;
}

/** The oid a full ref name points at (following symbolic refs), or null. */
export async function readRef(fs: FsClient, gitdir: string, ref: string, depth = 0): Promise<string | null> {
  if (depth > 5) return null;
  const text = await readText(fs, join(gitdir, ref));
  if (text !== null) {
    const value = text.trim();
    if (value.startsWith('ref: ')) return readRef(fs, gitdir, value.slice(5), depth + 1);
    return /^[0-9a-f]{40}$/.test(value) ? value : null;
  }
  return (await readPackedRefs(fs, gitdir)).get(ref) ?? null;
}

/** The target of a symbolic ref (HEAD -> "refs/heads/main"), or null when not symbolic. */
export async function readSymbolicRef(fs: FsClient, gitdir: string, ref: string): Promise<string | null> {
  const text = await readText(fs, join(gitdir, ref));
  if (text === null) return null;
  const value = text.trim();
  return value.startsWith('ref: ') ? value.slice(5) : null;
}

/** Every ref under `prefix` ("refs/stages/"), loose and packed, name -> oid. */
export async function listRefs(fs: FsClient, gitdir: string, prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [name, oid] of await readPackedRefs(fs, gitdir)) if (name.startsWith(prefix)) out.set(name, oid);
  const walk = async (rel: string): Promise<void> => {
    let names: string[];
    try {
      names = (await fs.promises.readdir(join(gitdir, rel))) as string[];
    } catch {
      return;
    }
    for (const name of names) {
      const child = `${rel}/${name}`;
      if (name.endsWith('.lock')) continue;
      const stat = await fs.promises.stat(join(gitdir, child)).catch(() => null);
      if (!stat) continue;
      if (stat.isDirectory()) await walk(child);
      else {
        const text = await readText(fs, join(gitdir, child));
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
      if (!isCode(err, 'EEXIST')) throw err;
      const stat = await fs.promises.stat(lockPath).catch(() => null);
      if (stat && Date.now() - Number(stat.mtimeMs) > STALE_LOCK_MS) {
        await fs.promises.unlink(lockPath).catch(() => undefined);
        continue;
      }
      throw new LockedError(`Unable to lock ${ref}: '${lockPath}' exists (another gitway or git process is updating it)`, { ref });
    }
  }
  throw new LockedError(`Unable to lock ${ref}`, { ref });
}

/**
 * Compare-and-swap update of `ref` under `<ref>.lock`: succeeds only if the ref still
 * points at `expected` (null = must not exist; undefined = no check). The new value is
 * written into the lock file and renamed over the ref, so readers see old or new.
 */
export async function updateRef(fs: FsClient, gitdir: string, ref: string, newOid: string, expected?: string | null): Promise<void> {
  const refPath = join(gitdir, ref);
  const lockPath = refPath + '.lock';
  await acquireLock(fs, lockPath, newOid + '\n', ref);
  try {
    if (expected !== undefined) {
      const actual = await readRef(fs, gitdir, ref);
      if (actual !== expected) {
        throw new StageMovedError(`${ref} moved (expected ${expected ?? 'nothing'}, found ${actual ?? 'nothing'}); retry`, { ref, expected, actual });
      }
    }
    await fs.promises.rename(lockPath, refPath);
  } catch (err) {
    await fs.promises.unlink(lockPath).catch(() => undefined);
    throw err;
  }
}

/** Compare-and-swap delete of `ref`, loose and packed (packed-refs rewritten under its lock). */
export async function deleteRef(fs: FsClient, gitdir: string, ref: string, expected?: string): Promise<void> {
  const refPath = join(gitdir, ref);
  const lockPath = refPath + '.lock';
  await acquireLock(fs, lockPath, '', ref);
  try {
    const actual = await readRef(fs, gitdir, ref);
    if (expected !== undefined && actual !== expected) {
      throw new StageMovedError(`${ref} moved (expected ${expected}, found ${actual ?? 'nothing'}); retry`, { ref, expected, actual });
    }
    const packed = await readPackedRefs(fs, gitdir);
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
    await fs.promises.unlink(refPath).catch((err) => {
      if (!isCode(err, 'ENOENT')) throw err;
    });
  } finally {
    await fs.promises.unlink(lockPath).catch(() => undefined);
  }
}

/** Writes a symbolic ref (HEAD) atomically. */
export async function writeSymbolicRef(fs: FsClient, gitdir: string, ref: string, target: string): Promise<void> {
  const path = join(gitdir, ref);
  await acquireLock(fs, path + '.lock', `ref: ${target}\n`, ref);
  await fs.promises.rename(path + '.lock', path);
}
