import type { Stage } from './types.js';

/**
 * The Stage resource exactly as API Gateway returns it: `methodSettings` always present
 * (`{}` when none), `cacheClusterStatus` derived from `cacheClusterEnabled` (AVAILABLE,
 * with the default cacheClusterSize 0.5 when none was given, or NOT_AVAILABLE). Every
 * stage record gitway writes or reads goes through it, so records written by older
 * versions read the same.
 *
 * @example
 * stageResource({ stageName: 'dev', deploymentId: id, cacheClusterEnabled: false, tracingEnabled: false, createdDate: d, lastUpdatedDate: d });
 * // { ..., methodSettings: {}, cacheClusterStatus: 'NOT_AVAILABLE' }
 */
export function stageResource(stage: Stage): Stage {
  const out: Stage = { ...stage, methodSettings: stage.methodSettings ?? {} };
  if (stage.cacheClusterEnabled) {
    out.cacheClusterStatus = 'AVAILABLE';
    out.cacheClusterSize = stage.cacheClusterSize ?? '0.5';
  } else out.cacheClusterStatus = 'NOT_AVAILABLE';
  return out;
}
