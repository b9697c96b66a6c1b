import { isoGit } from '../utils/isoGit.js';
import type { RepoOptions } from '../models/FsClient.js';
import { readSymbolicRef, writeSymbolicRef } from '../storage/refs.js';
import { NotARepositoryError } from '../errors/NotARepositoryError.js';
import { join } from '../utils/join.js';
import { errnoCode, fsError } from '../utils/fsError.js';
import { readConfigValue } from '../storage/readConfig.js';

export const DEFAULT_DEFINITION = 'api.yaml';

/** Creates the bare repository (idempotent: an existing one is left as it is). */
export async function _init(opts: RepoOptions & { definition?: string; defaultBranch?: string }): Promise<{ created: boolean }> {
  // ELOOP (a symbolic link loop) and the like: a clear error, before isomorphic-git prints a stack trace.
  const exists = await opts.fs.promises.stat(join(opts.gitdir, 'HEAD')).then(
    () => true,
    (err) => {
      if (errnoCode(err) !== 'ENOENT') throw fsError(err, 'create the repository');
      return false;
    },
  );
  if (exists) {
    await _assertRepo(opts);
    return { created: false };
  }
  await (await isoGit()).init({ fs: opts.fs, dir: opts.gitdir, gitdir: opts.gitdir, bare: true, defaultBranch: opts.defaultBranch ?? 'main' });
  await (await isoGit()).setConfig({ fs: opts.fs, gitdir: opts.gitdir, path: 'gitway.definition', value: opts.definition ?? DEFAULT_DEFINITION });
  await (await isoGit()).setConfig({ fs: opts.fs, gitdir: opts.gitdir, path: 'gitway.version', value: '1' });
  return { created: true };
}

/** Throws NotARepositoryError unless `gitdir` is a gitway repository. */
export async function _assertRepo(opts: RepoOptions): Promise<void> {
  const head = await opts.fs.promises.readFile(join(opts.gitdir, 'HEAD'), 'utf8').catch(() => null);
  const config = await opts.fs.promises.readFile(join(opts.gitdir, 'config'), 'utf8').catch(() => null);
  if (head === null || config === null) {
    throw new NotARepositoryError(`not a gitway repository: ${opts.gitdir} (run 'gitway init' or pass --repo)`, { gitdir: opts.gitdir });
  }
}

/** Full name of the current branch ("refs/heads/main"). */
export async function _currentBranchRef(opts: RepoOptions): Promise<string> {
  return (await readSymbolicRef(opts, 'HEAD')) ?? 'refs/heads/main';
}

export async function _setCurrentBranch(opts: RepoOptions, branch: string): Promise<void> {
  await writeSymbolicRef(opts, 'HEAD', `refs/heads/${branch}`);
}

/** The working definition's file name, relative to the directory holding the repository. */
export async function _definitionPath(opts: RepoOptions): Promise<string> {
  const value = await readConfigValue(opts, 'gitway.definition');
  return value ? value : DEFAULT_DEFINITION;
}
