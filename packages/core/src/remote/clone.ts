import type { RemoteSyncOptions } from './types.js';
import { _init, _setCurrentBranch } from '../commands/_repo.js';
import { readRef } from '../storage/refs.js';
import { AlreadyExistsError } from '../errors/AlreadyExistsError.js';
import { join } from '../utils/join.js';
import { addRemote } from './addRemote.js';
import { _pull, type PullResult } from './_pull.js';
import { removeTree } from './removeTree.js';

/**
 * Creates a gitway repository at `gitdir` from the one at `url`: every branch and stage
 * (with their histories), the remote recorded as `origin` (or `remote`), HEAD on the
 * remote's default branch — or, when the remote's HEAD names no branch it has (a bare
 * repository made by `git init --bare` points at an unborn `master`), on `main`, else on
 * the first branch by name; `result.head` says which. On any failure nothing is left behind.
 *
 * @example
 * await clone({ fs, url: 'https://git.example.com/petstore.git', gitdir: '/work/petstore/.gitway' });
 */
export async function clone(opts: Omit<RemoteSyncOptions, 'gitdir'> & { url: string; gitdir: string; definition?: string }): Promise<PullResult> {
  const remote = opts.remote ?? 'origin';
  const entries = (await opts.fs.promises.readdir(opts.gitdir).catch(() => null)) as string[] | null;
  if (entries && entries.length) throw new AlreadyExistsError(`cannot clone into ${opts.gitdir}: it exists and is not empty`, { what: 'repository', name: opts.gitdir });
  try {
    await _init({ fs: opts.fs, gitdir: opts.gitdir, definition: opts.definition });
    await addRemote({ fs: opts.fs, gitdir: opts.gitdir, remote, url: opts.url });
    const result = await _pull({ ...opts, remote });
    const head = await defaultBranch(opts, result);
    if (head) await _setCurrentBranch(opts, head.slice('refs/heads/'.length));
    return { ...result, head };
  } catch (err) {
    if (entries) {
      for (const name of (await opts.fs.promises.readdir(opts.gitdir).catch(() => [])) as string[]) await removeTree(opts.fs, join(opts.gitdir, name));
    } else await removeTree(opts.fs, opts.gitdir);
    throw err;
  }
}

/** The branch a clone checks out: the remote's HEAD when it exists here, else main, else the first branch by name (null when none). */
async function defaultBranch(opts: { fs: RemoteSyncOptions['fs']; gitdir: string }, result: PullResult): Promise<string | null> {
  if (result.head && (await readRef(opts, result.head))) return result.head;
  const branches = [...result.remoteRefs.keys()].filter((r) => r.startsWith('refs/heads/'));
  if (branches.includes('refs/heads/main')) return 'refs/heads/main';
  return branches.sort()[0] ?? null;
}
