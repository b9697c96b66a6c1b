import type { WriteOptions } from '../models/options.js';
import type { Stage } from '../models/types.js';
import { applyPatchOperations, type PatchOperation } from '../models/patchOperations.js';
import { _changeStage, _readStage, stageNotFound, type StageState } from '../commands/_stage.js';
import { _resolveRevision } from '../commands/_revision.js';
import { _assertRepo } from '../commands/_repo.js';
import { assertStageName } from '../models/names.js';
import { assertCanarySettings } from '../models/stageRules.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';
import { deepEqual } from '../utils/deepEqual.js';
import { shortId } from '../utils/shortId.js';

export interface CanaryOptions extends WriteOptions {
  stageName: string;
}


/** Applies `ops` to the stage as one stage commit; no commit when nothing changes. */
async function changeCanary(opts: CanaryOptions, ops: PatchOperation[], message: (before: Stage, after: Stage) => string): Promise<StageState> {
  await _assertRepo(opts);
  assertStageName(opts.stageName);
  if (!(await _readStage(opts, opts.stageName))) throw stageNotFound(opts.stageName);
  return _changeStage(opts, opts.stageName, (current) => {
    if (!current) throw stageNotFound(opts.stageName);
    const stage = applyPatchOperations(current.stage, ops);
    if (deepEqual(stage, current.stage)) return null;
    return { stage, message: message(current.stage, stage) };
  });
}


/**
 * Changes the stage's canary (UpdateStage on /canarySettings/*), creating it with API
 * Gateway's defaults (the stage's own deployment, 0 %, no stage cache) when the stage
 * has none. `deployment` is any revision; `stageVariableOverrides` are set over the
 * existing ones (`replaceOverrides: true` replaces the whole map). One stage commit.
 *
 * @example
 * await updateCanary({ fs, gitdir, stageName: 'prod', percentTraffic: 25 });
 * await updateCanary({ fs, gitdir, stageName: 'prod', deployment: 'main', stageVariableOverrides: { backend: 'http://127.0.0.1:9001' } });
 */
export async function updateCanary(
  opts: CanaryOptions & {
    percentTraffic?: number;
    deployment?: string;
    stageVariableOverrides?: Record<string, string>;
    replaceOverrides?: boolean;
    useStageCache?: boolean;
  },
): Promise<StageState> {
  assertCanarySettings({ percentTraffic: opts.percentTraffic, stageVariableOverrides: opts.stageVariableOverrides, useStageCache: opts.useStageCache });
  const ops: PatchOperation[] = [];
  if (opts.deployment !== undefined) {
    ops.push({ op: 'replace', path: '/canarySettings/deploymentId', value: (await _resolveRevision(opts, opts.deployment)).oid });
  }
  if (opts.percentTraffic !== undefined) ops.push({ op: 'replace', path: '/canarySettings/percentTraffic', value: String(opts.percentTraffic) });
  if (opts.useStageCache !== undefined) ops.push({ op: 'replace', path: '/canarySettings/useStageCache', value: String(opts.useStageCache) });
  if (opts.replaceOverrides) {
    const current = (await _readStage(opts, opts.stageName))?.stage.canarySettings?.stageVariableOverrides ?? {};
    for (const k of Object.keys(current)) if (!(opts.stageVariableOverrides && k in opts.stageVariableOverrides)) ops.push({ op: 'remove', path: `/canarySettings/stageVariableOverrides/${k}` });
  }
  for (const [k, v] of Object.entries(opts.stageVariableOverrides ?? {})) ops.push({ op: 'replace', path: `/canarySettings/stageVariableOverrides/${k}`, value: v });
  if (ops.length === 0) throw new InvalidParameterError('nothing to change: give percentTraffic, deployment, stageVariableOverrides or useStageCache', { path: '/canarySettings', value: null });
  return changeCanary(opts, ops, (_before, after) => {
    const c = after.canarySettings!;
    return `canary ${opts.stageName}: ${shortId(c.deploymentId)} at ${c.percentTraffic ?? 0}%`;
  });
}

/**
 * Promotes the stage's canary exactly as API Gateway documents it (one UpdateStage with
 * three operations): the canary's deploymentId becomes the stage's, its
 * stageVariableOverrides are copied into the stage variables, percentTraffic goes to 0.
 * The canary stays on the stage until deleteCanary. No canary -> InvalidParameterError
 * "Promotion not available. Canary does not exist."
 *
 * @example
 * const { stage } = await promoteCanary({ fs, gitdir, stageName: 'prod' });
 * stage.deploymentId === stage.canarySettings?.deploymentId; // true
 */
export async function promoteCanary(opts: CanaryOptions): Promise<StageState> {
  return changeCanary(opts, [...PROMOTE_OPERATIONS], (before, after) => `promote canary ${opts.stageName}: ${shortId(before.deploymentId)} -> ${shortId(after.deploymentId)}`);
}

/**
 * The update-stage patch operations AWS documents for promoting a canary; the copies
 * come first so that a stage without a canary is refused instead of getting one.
 */
export const PROMOTE_OPERATIONS: readonly PatchOperation[] = [
  { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
  { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
  { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
];

/**
 * Turns the canary off (UpdateStage remove /canarySettings): one stage commit; the
 * canary deployment stays reachable from the stage history. No canary: nothing written.
 *
 * @example
 * await deleteCanary({ fs, gitdir, stageName: 'prod' });
 */
export async function deleteCanary(opts: CanaryOptions): Promise<StageState> {
  return changeCanary(opts, [{ op: 'remove', path: '/canarySettings' }], (before) => `delete canary ${opts.stageName}: ${shortId(before.canarySettings?.deploymentId)}`);
}
