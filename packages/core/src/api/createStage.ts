import type { Stage } from '../models/types.js';
import type { WriteOptions } from '../models/options.js';
import { _changeStage } from '../commands/_stage.js';
import { _resolveRevision } from '../commands/_revision.js';
import { _assertRepo } from '../commands/_repo.js';
import { AlreadyExistsError } from '../errors/AlreadyExistsError.js';
import { assertStageName } from '../models/names.js';

/** A new Stage record with API Gateway's defaults. */
export function newStage(stageName: string, deploymentId: string, now: string): Stage {
  return { stageName, deploymentId, cacheClusterEnabled: false, tracingEnabled: false, createdDate: now, lastUpdatedDate: now };
}

/**
 * Creates stage `stageName` pointing at the deployment `deployment` names (any
 * revision). Fails with AlreadyExistsError if the stage exists, as CreateStage does.
 *
 * @example
 * const stage = await createStage({ fs, gitdir, stageName: 'dev', deployment: 'main', variables: { backend: 'http://127.0.0.1:9000' } });
 */
export async function createStage(
  opts: WriteOptions & { stageName: string; deployment: string; description?: string; variables?: Record<string, string>; settings?: Partial<Stage> },
): Promise<Stage> {
  await _assertRepo(opts);
  assertStageName(opts.stageName);
  const { oid } = await _resolveRevision(opts, opts.deployment);
  const state = await _changeStage({ ...opts, expectedOid: null }, opts.stageName, (_current, now) => ({
    stage: {
      ...newStage(opts.stageName, oid, now),
      ...opts.settings,
      ...(opts.description !== undefined ? { description: opts.description } : {}),
      ...(opts.variables && Object.keys(opts.variables).length ? { variables: { ...opts.variables } } : {}),
    },
    message: `create stage ${opts.stageName}: ${oid.slice(0, 10)}`,
  })).catch((err: { code?: string }) => {
    if (err.code === 'StageMovedError') throw new AlreadyExistsError(`Stage already exists: ${opts.stageName}`, { what: 'stage', name: opts.stageName });
    throw err;
  });
  return state.stage;
}
