import type { Stage } from '../models/types.js';
import type { RepoOptions } from '../models/FsClient.js';
import type { WriteOptions } from '../models/options.js';
import type { PatchOperation } from '../models/patchOperations.js';
import { applyPatchOperations } from '../models/patchOperations.js';
import { _changeStage, _listStageNames, _resolveCanaryDeployment, _readStage, _readStageCommit, _stageHistory, stageNotFound, stageRef, type StageState } from '../commands/_stage.js';
import { _retryOnRace } from '../commands/_retry.js';
import { _readDeleted } from '../commands/_deleted.js';
import { _resolveRevision } from '../commands/_revision.js';
import { _assertRepo } from '../commands/_repo.js';
import { deleteRef, readRef } from '../storage/refs.js';
import { NothingToRollbackError } from '../errors/NothingToRollbackError.js';
import { assertStageName } from '../models/names.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';
import { shortId } from '../utils/shortId.js';

export type { StageState };


/**
 * The Stage resource of `stageName` (GetStage), with `oid`: the stage commit it was
 * read from (pass it back as `expectedOid` for compare-and-swap updates).
 *
 * @example
 * const { stage, oid } = await getStage({ fs, gitdir, stageName: 'prod' });
 */
export async function getStage(opts: RepoOptions & { stageName: string }): Promise<StageState> {
  await _assertRepo(opts);
  const state = await _readStage(opts, opts.stageName);
  if (!state) throw stageNotFound(opts.stageName);
  return state;
}

/**
 * All stages (GetStages), sorted by name; with `deploymentId` (any revision) only the
 * stages whose active deployment it is, as get-stages --deployment-id filters.
 *
 * @example
 * for (const s of await getStages({ fs, gitdir })) console.log(s.stageName, s.deploymentId);
 * const onV2 = await getStages({ fs, gitdir, deploymentId: '3f9a2c71d0' });
 */
export async function getStages(opts: RepoOptions & { deploymentId?: string }): Promise<Stage[]> {
  await _assertRepo(opts);
  const only = opts.deploymentId !== undefined ? (await _resolveRevision(opts, opts.deploymentId)).oid : undefined;
  const out: Stage[] = [];
  for (const name of await _listStageNames(opts)) {
    const state = await _readStage(opts, name);
    if (state && (only === undefined || state.stage.deploymentId === only)) out.push(state.stage);
  }
  return out;
}

/**
 * UpdateStage: applies AWS patch operations as one new stage commit and returns the new
 * StageState (`stage`, `oid`: the commit, `previous`, `message`, ...), as rollback and canary do. `/deploymentId`
 * and `/canarySettings/deploymentId` values may be any revision. With `expectedOid` the
 * update is a compare-and-swap on that state (StageMovedError if the stage moved).
 *
 * @example
 * const { stage, oid } = await updateStage({ fs, gitdir, stageName: 'prod', patchOperations: [
 *   { op: 'replace', path: '/variables/backend', value: 'http://127.0.0.1:9001' },
 *   { op: 'replace', path: '/*\/*\/throttling/rateLimit', value: '100' },
 * ] });
 */
export async function updateStage(
  opts: WriteOptions & { stageName: string; patchOperations: PatchOperation[]; expectedOid?: string; message?: string },
): Promise<StageState> {
  await _assertRepo(opts);
  if (!Array.isArray(opts.patchOperations)) throw new InvalidParameterError('patchOperations must be a list', { path: '', value: opts.patchOperations });
  const ops: PatchOperation[] = [];
  for (const op of opts.patchOperations) {
    if (op?.path === '/deploymentId' && op.value) ops.push({ ...op, value: (await _resolveRevision(opts, op.value)).oid });
    else if (op?.path === '/canarySettings/deploymentId' && op.op === 'replace' && op.value) ops.push({ ...op, value: await _resolveCanaryDeployment(opts, op.value) });
    else ops.push(op);
  }
  if (!(await readRef(opts, stageRef(opts.stageName)))) throw stageNotFound(opts.stageName);
  return _changeStage(opts, opts.stageName, (current) => {
    if (!current) throw stageNotFound(opts.stageName);
    const stage = applyPatchOperations(current.stage, ops);
    return { stage, message: opts.message ?? `update stage ${opts.stageName}: ${describeOps(ops)}` };
  });
}

function describeOps(ops: PatchOperation[]): string {
  return ops.map((o) => `${o.op} ${o.path}${o.value !== undefined && o.op !== 'remove' ? `=${o.value}` : ''}`).join(', ').slice(0, 200);
}

/**
 * DeleteStage: removes the stage ref (compare-and-swap). The deployments stay in the
 * branch history; the stage's own history is no longer referenced.
 *
 * @example
 * await deleteStage({ fs, gitdir, stageName: 'dev' });
 */
export async function deleteStage(opts: RepoOptions & { stageName: string }): Promise<void> {
  await _assertRepo(opts);
  assertStageName(opts.stageName);
  const oid = await readRef(opts, stageRef(opts.stageName));
  if (!oid) throw stageNotFound(opts.stageName);
  await deleteRef(opts, stageRef(opts.stageName), oid);
}

/**
 * The stage's states, newest first (its first-parent history): who changed what, when.
 *
 * @example
 * const states = await getStageHistory({ fs, gitdir, stageName: 'prod', limit: 10 });
 */
export async function getStageHistory(opts: RepoOptions & { stageName: string; limit?: number }): Promise<StageState[]> {
  await _assertRepo(opts);
  assertStageName(opts.stageName);
  return _stageHistory(opts, opts.stageName, opts.limit);
}

/**
 * Changes the stage's active deployment back: to `deployment` (any revision) when
 * given, else to the deployment the stage used before its current one (the most
 * recent earlier state with a different deployment). NothingToRollbackError if none.
 *
 * @example
 * await rollback({ fs, gitdir, stageName: 'prod' });           // previous deployment
 * await rollback({ fs, gitdir, stageName: 'prod', deployment: 'prod@{3}' });
 */
export async function rollback(opts: WriteOptions & { stageName: string; deployment?: string }): Promise<StageState> {
  await _assertRepo(opts);
  assertStageName(opts.stageName);
  const target = opts.deployment !== undefined ? (await _resolveRevision(opts, opts.deployment)).oid : undefined;
  // The target depends on the state read, so a lost race recomputes it from the new state.
  return _retryOnRace(async () => {
    const current = await _readStage(opts, opts.stageName);
    if (!current) throw stageNotFound(opts.stageName);
    const to = target ?? (await previousDeployment(opts, current));
    return _changeStage({ ...opts, expectedOid: current.oid }, opts.stageName, (cur) =>
      cur!.stage.deploymentId === to
        ? null
        : { stage: { ...cur!.stage, deploymentId: to }, message: `rollback ${opts.stageName}: ${shortId(cur!.stage.deploymentId)} -> ${shortId(to)}` },
    );
  });
}

async function previousDeployment(opts: RepoOptions, current: StageState): Promise<string> {
  const { deleted } = await _readDeleted(opts);
  for (let oid = current.previous; oid; ) {
    const state = await _readStageCommit(opts, oid);
    if (state.stage.deploymentId !== current.stage.deploymentId && !(state.stage.deploymentId in deleted)) return state.stage.deploymentId;
    oid = state.previous;
  }
  throw new NothingToRollbackError(`stage '${current.stage.stageName}' has no earlier deployment to roll back to`, { stageName: current.stage.stageName });
}
