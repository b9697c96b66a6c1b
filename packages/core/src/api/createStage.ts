import type { CanarySettings, Stage } from '../models/types.js';
import type { WriteOptions } from '../models/options.js';
import { _changeStage, _resolveCanaryDeployment, type StageState } from '../commands/_stage.js';
import { _resolveRevision } from '../commands/_revision.js';
import { _assertRepo } from '../commands/_repo.js';
import { AlreadyExistsError } from '../errors/AlreadyExistsError.js';
import { assertStageName } from '../models/names.js';
import { stageResource } from '../models/stageResource.js';
import { shortId } from '../utils/shortId.js';

/** A new Stage record with API Gateway's defaults. */
export function newStage(stageName: string, deploymentId: string, now: string): Stage {
  return stageResource({ stageName, deploymentId, cacheClusterEnabled: false, tracingEnabled: false, createdDate: now, lastUpdatedDate: now });
}

/** The stage fields CreateStage (and CreateDeployment with a new stage name) take besides the deployment. */
export interface StageCreateOptions {
  description?: string;
  variables?: Record<string, string>;
  cacheClusterEnabled?: boolean;
  /** One of CACHE_CLUSTER_SIZES; giving it enables the cache cluster unless cacheClusterEnabled is false. */
  cacheClusterSize?: string;
  tracingEnabled?: boolean;
  tags?: Record<string, string>;
  documentationVersion?: string;
}

/** `options` as Stage fields, only those given (so they can be spread over a record). */
export function stageFields(o: StageCreateOptions): Partial<Stage> {
  const out: Partial<Stage> = {};
  if (o.description !== undefined) out.description = o.description;
  if (o.variables && Object.keys(o.variables).length) out.variables = { ...o.variables };
  if (o.cacheClusterSize !== undefined) out.cacheClusterSize = o.cacheClusterSize;
  if (o.cacheClusterEnabled !== undefined || o.cacheClusterSize !== undefined) out.cacheClusterEnabled = o.cacheClusterEnabled ?? true;
  if (o.tracingEnabled !== undefined) out.tracingEnabled = o.tracingEnabled;
  if (o.tags && Object.keys(o.tags).length) out.tags = { ...o.tags };
  if (o.documentationVersion !== undefined) out.documentationVersion = o.documentationVersion;
  return out;
}

/**
 * Creates stage `stageName` pointing at the deployment `deployment` names (any
 * revision), with CreateStage's options. A canary given here gets API Gateway's defaults
 * (the stage's deployment, 0 %, no stage cache); a canary deployment that does not
 * resolve is "Deployment id does not exist". Fails with AlreadyExistsError if the stage
 * exists, as CreateStage does. Returns the new StageState, as updateStage, rollback and canary do.
 *
 * @example
 * const { stage, oid } = await createStage({ fs, gitdir, stageName: 'dev', deployment: 'main', variables: { backend: 'http://127.0.0.1:9000' }, tags: { team: 'pets' } });
 */
export async function createStage(
  opts: WriteOptions &
    StageCreateOptions & { stageName: string; deployment: string; canarySettings?: CanarySettings & { deploymentId?: string }; settings?: Partial<Stage> },
): Promise<StageState> {
  await _assertRepo(opts);
  assertStageName(opts.stageName);
  const { oid } = await _resolveRevision(opts, opts.deployment);
  const c = opts.canarySettings;
  const canarySettings: CanarySettings | undefined = c && {
    deploymentId: c.deploymentId !== undefined ? await _resolveCanaryDeployment(opts, c.deploymentId) : oid,
    percentTraffic: c.percentTraffic ?? 0,
    ...(c.stageVariableOverrides && Object.keys(c.stageVariableOverrides).length ? { stageVariableOverrides: { ...c.stageVariableOverrides } } : {}),
    useStageCache: c.useStageCache ?? false,
  };
  return _changeStage({ ...opts, expectedOid: null }, opts.stageName, (_current, now) => ({
    stage: { ...newStage(opts.stageName, oid, now), ...opts.settings, ...stageFields(opts), ...(canarySettings ? { canarySettings } : {}) },
    message: `create stage ${opts.stageName}: ${shortId(oid)}`,
  })).catch((err: { code?: string }) => {
    if (err.code === 'StageMovedError') throw new AlreadyExistsError(`Stage already exists: ${opts.stageName}`, { what: 'stage', name: opts.stageName });
    throw err;
  });
}
