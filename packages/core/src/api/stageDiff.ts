import type { RepoOptions } from '../models/FsClient.js';
import type { PatchOperation } from '../models/patchOperations.js';
import { diffStages } from '../models/stageDiff.js';
import { _resolveRevision } from '../commands/_revision.js';
import { _assertRepo } from '../commands/_repo.js';
import type { StageState } from '../commands/_stage.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';

/**
 * Reads a stage state: `prod` (current), `prod@{N}` (N changes back) or a stage commit id.
 *
 * @example
 * const { stage } = await readStageState({ fs, gitdir, rev: 'prod@{1}' });
 */
export async function readStageState(opts: RepoOptions & { rev: string }): Promise<StageState> {
  await _assertRepo(opts);
  const { stageState } = await _resolveRevision(opts, opts.rev);
  if (!stageState) {
    throw new InvalidParameterError(`'${opts.rev}' is not a stage state (use STAGE, STAGE@{N} or a stage commit id)`, { path: 'rev', value: opts.rev });
  }
  return stageState;
}

/**
 * The UpdateStage patch operations that turn stage state `from` into `to` (each a
 * stage, `stage@{N}` or a stage commit id), with both states.
 *
 * @example
 * const { patchOperations } = await diffStageStates({ fs, gitdir, from: 'prod@{1}', to: 'prod' });
 */
export async function diffStageStates(
  opts: RepoOptions & { from: string; to: string },
): Promise<{ from: StageState; to: StageState; patchOperations: PatchOperation[] }> {
  const from = await readStageState({ ...opts, rev: opts.from });
  const to = await readStageState({ ...opts, rev: opts.to });
  return { from, to, patchOperations: diffStages(from.stage, to.stage) };
}
