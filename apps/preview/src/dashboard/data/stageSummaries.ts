import { getStages, type Deployment, type Stage, type WriteOptions } from '@gitway/core';
import { deploymentReader } from './deploymentInfo.js';

export interface StageSummary {
  stage: Stage;
  /** The active deployment's record (null if it cannot be read). */
  deployment: Deployment | null;
  canary: Deployment | null;
}

/** Every stage with its active and canary deployments' records, sorted by name. */
export async function stageSummaries(repo: WriteOptions): Promise<StageSummary[]> {
  const read = deploymentReader(repo);
  const stages = await getStages(repo);
  return Promise.all(
    stages.map(async (stage) => ({
      stage,
      deployment: await read(stage.deploymentId),
      canary: stage.canarySettings?.deploymentId ? await read(stage.canarySettings.deploymentId) : null,
    })),
  );
}
