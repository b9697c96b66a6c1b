import { createStage, deleteStage, flushStageCache, getStage, getStages, updateStage } from '@gitway/core';
import { badRequest } from '../errors.js';
import { checkNested, checkPatchOperations, parseBody } from '../body.js';
import { stageToWire } from '../wire.js';
import { assertDeploymentId } from './deployments.js';
import type { Operation } from './context.js';

const CANARY_SPEC = { percentTraffic: 'number', deploymentId: 'string', stageVariableOverrides: 'stringMap', useStageCache: 'boolean' } as const;

export const CreateStage: Operation = async (ctx) => {
  const b = parseBody(ctx.name, ctx.body, {
    stageName: 'string', deploymentId: 'string', description: 'string', cacheClusterEnabled: 'boolean', cacheClusterSize: 'string',
    variables: 'stringMap', documentationVersion: 'string', canarySettings: 'object', tracingEnabled: 'boolean', tags: 'stringMap',
  });
  if (!b.stageName || !b.deploymentId) throw badRequest('Invalid request body for CreateStage: stageName and deploymentId are required');
  if (b.canarySettings) checkNested(ctx.name, 'canarySettings', b.canarySettings, CANARY_SPEC);
  assertDeploymentId(b.deploymentId);
  const { stageName, deploymentId, ...options } = b;
  const { stage } = await createStage({ ...ctx.write, ...options, stageName, deployment: deploymentId });
  return { body: stageToWire(stage), wrote: true };
};

export const GetStage: Operation = async (ctx) => ({ body: stageToWire((await getStage({ ...ctx.repo, stageName: ctx.params.stageName })).stage) });

export const GetStages: Operation = async (ctx) => {
  const deploymentId = ctx.query.get('deploymentId') ?? undefined;
  if (deploymentId !== undefined) assertDeploymentId(deploymentId);
  return { body: { item: (await getStages({ ...ctx.repo, deploymentId })).map(stageToWire) } };
};

/** UpdateStage: core's updateStage applies the patch operations as one stage commit (its rules, its retries). */
export const UpdateStage: Operation = async (ctx) => {
  const b = parseBody(ctx.name, ctx.body, { patchOperations: 'list' });
  const { stage } = await updateStage({ ...ctx.write, stageName: ctx.params.stageName, patchOperations: checkPatchOperations(ctx.name, b.patchOperations) });
  return { body: stageToWire(stage), wrote: true };
};

export const DeleteStage: Operation = async (ctx) => {
  await deleteStage({ ...ctx.repo, stageName: ctx.params.stageName });
  return { wrote: true };
};

/** FlushStageCache / FlushStageAuthorizersCache: core's flushStageCache (the stage must exist). */
export const FlushStageCache: Operation = async (ctx) => {
  await flushStageCache({ ...ctx.write, stageName: ctx.params.stageName });
  return { wrote: true };
};

export const FlushStageAuthorizersCache: Operation = async (ctx) => {
  await flushStageCache({ ...ctx.write, stageName: ctx.params.stageName, authorizers: true });
  return { wrote: true };
};
