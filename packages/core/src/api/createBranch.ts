import type { RepoOptions } from '../models/FsClient.js';
import { readRef, updateRef } from '../storage/refs.js';
import { _assertRepo } from '../commands/_repo.js';
import { _resolveRevision } from '../commands/_revision.js';
import { assertBranchName } from '../models/names.js';
import { AlreadyExistsError } from '../errors/AlreadyExistsError.js';
import type { BranchInfo } from './listBranches.js';

/**
 * Creates branch `name` at `start` (any revision; default HEAD). An existing branch
 * -> AlreadyExistsError; a bad name (`a..b`, `-x`, `x.lock`, spaces) -> InvalidNameError.
 * HEAD does not move (see switchBranch).
 *
 * @example
 * await createBranch({ fs, gitdir, name: 'private', start: 'main' });
 */
export async function createBranch(opts: RepoOptions & { name: string; start?: string }): Promise<BranchInfo> {
  await _assertRepo(opts);
  assertBranchName(opts.name);
  const ref = `refs/heads/${opts.name}`;
  if (await readRef(opts, ref)) throw new AlreadyExistsError(`a branch named '${opts.name}' already exists`, { what: 'branch', name: opts.name });
  const { oid } = await _resolveRevision(opts, opts.start ?? 'HEAD');
  await updateRef(opts, ref, oid, null);
  return { name: opts.name, id: oid, current: false };
}
