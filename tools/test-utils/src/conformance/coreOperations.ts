import fs from 'node:fs';
import { createGateway } from '@gitway/runtime';
import {
  createStage,
  deleteDeployment,
  deleteStage,
  deploy,
  GitwayError,
  getStage,
  getStages,
  listDeployments,
  readDeployment,
  updateStage,
  type Api,
  type WriteOptions,
} from '@gitway/core';
import { AwsError, type ApiGatewayOperations, type DeploymentShape } from './operations.js';

/** Turns a GitwayError into the AwsError API Gateway would answer with. */
async function aws<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof GitwayError) throw new AwsError(String(err.data.awsType ?? err.code), err.message);
    throw err;
  }
}

/** Deployment resource fields only (gitway's results carry more: tree, branch, author...). */
function deploymentShape(d: { id: string; description?: string; createdDate: string }): DeploymentShape {
  return { id: d.id, ...('description' in d ? { description: d.description } : {}), createdDate: d.createdDate };
}

/**
 * {@link ApiGatewayOperations} over @gitway/core in one repository (`repo` from tempRepo()).
 * CreateDeployment always creates a deployment (`allowEmpty`), as AWS does.
 *
 * @example
 * const ops = coreOperations(await tempRepo());
 * await ops.putRestApi(api);
 * const { id } = await ops.createDeployment({ stageName: 'dev' });
 */
export function coreOperations(repo: WriteOptions & { fs: typeof fs }): ApiGatewayOperations {
  let api: Api | undefined;
  return {
    async putRestApi(next) {
      api = structuredClone(next);
    },
    createDeployment: (input) =>
      aws(async () => {
        if (!api) throw new Error('putRestApi first');
        const { canarySettings, ...rest } = input;
        const d = await deploy({ ...repo, ...rest, api, allowEmpty: true, ...(canarySettings ? { canary: canarySettings as { percentTraffic: number } } : {}) });
        return deploymentShape(d);
      }),
    getDeployment: (deploymentId) => aws(async () => deploymentShape(await readDeployment({ ...repo, rev: deploymentId }))),
    getDeployments: () => aws(async () => ({ items: (await listDeployments(repo)).map(deploymentShape) })),
    deleteDeployment: (deploymentId) => aws(async () => void (await deleteDeployment({ ...repo, deploymentId }))),
    createStage: ({ deploymentId, ...input }) => aws(async () => (await createStage({ ...repo, ...input, deployment: deploymentId })).stage),
    getStage: (stageName) => aws(async () => (await getStage({ ...repo, stageName })).stage),
    getStages: (input = {}) => aws(async () => ({ item: await getStages({ ...repo, ...input }) })),
    updateStage: (stageName, patchOperations) => aws(async () => (await updateStage({ ...repo, stageName, patchOperations })).stage),
    deleteStage: (stageName) => aws(() => deleteStage({ ...repo, stageName })),
    invoke: (stageName, path) =>
      aws(async () => {
        const { stage } = await getStage({ ...repo, stageName });
        const main = await readDeployment({ ...repo, rev: stage.deploymentId });
        const canaryId = stage.canarySettings?.deploymentId;
        const canaryApi = canaryId ? (await readDeployment({ ...repo, rev: canaryId })).api : undefined;
        // random 0.5: percentTraffic 0 never picks the canary, 100 always does.
        const gateway = createGateway({ api: main.api, stage, canaryApi, random: () => 0.5, now: () => Date.UTC(2026, 0, 1) });
        const res = await gateway.handle({ method: 'GET', path, headers: {}, query: {} });
        return { status: res.statusCode, body: JSON.parse(String(res.body)) as unknown };
      }),
  };
}
