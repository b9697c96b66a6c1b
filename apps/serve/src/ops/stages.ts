import { createStage, deleteStage, getStage, getStages, updateStage, type PatchOperation, type Stage } from '@gitway/core';
import { badRequest } from '../errors.js';
import { checkNested, parseBody } from '../body.js';
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
  if (b.documentationVersion !== undefined) throw badRequest('documentationVersion is not supported by gitway serve (documentation parts are not modelled)');
  if (b.canarySettings) checkNested(ctx.name, 'canarySettings', b.canarySettings, CANARY_SPEC);
  assertDeploymentId(b.deploymentId);
  const settings: Partial<Stage> = {};
  for (const k of ['cacheClusterEnabled', 'cacheClusterSize', 'tracingEnabled', 'tags'] as const) if (b[k] !== undefined) (settings as any)[k] = b[k];
  if (b.canarySettings) settings.canarySettings = { useStageCache: false, ...b.canarySettings, deploymentId: b.canarySettings.deploymentId ?? b.deploymentId };
  const stage = await createStage({ ...ctx.write, stageName: b.stageName, deployment: b.deploymentId, description: b.description, variables: b.variables, settings });
  return { body: stageToWire(stage), wrote: true };
};

export const GetStage: Operation = async (ctx) => ({ body: stageToWire((await getStage({ ...ctx.repo, stageName: ctx.params.stageName })).stage) });

export const GetStages: Operation = async (ctx) => {
  const deploymentId = ctx.query.get('deploymentId');
  const stages = (await getStages(ctx.repo)).filter((s) => !deploymentId || s.deploymentId === deploymentId || s.deploymentId.startsWith(deploymentId));
  return { body: { item: stages.map(stageToWire) } };
};

const PATCH_SPEC = { op: 'string', path: 'string', value: 'string', from: 'string' } as const;

/** UpdateStage: core's updateStage applies the patch operations as one stage commit (its rules, its retries). */
export const UpdateStage: Operation = async (ctx) => {
  const b = parseBody(ctx.name, ctx.body, { patchOperations: 'list' });
  const ops = (b.patchOperations ?? []) as PatchOperation[];
  ops.forEach((op, i) => {
    if (typeof op !== 'object' || op === null || Array.isArray(op)) throw badRequest(`Invalid request body for UpdateStage: patchOperations[${i}] must be an object`);
    checkNested(ctx.name, `patchOperations[${i}]`, op as unknown as Record<string, unknown>, PATCH_SPEC);
  });
  const stage = await updateStage({ ...ctx.write, stageName: ctx.params.stageName, patchOperations: ops });
  return { body: stageToWire(stage), wrote: true };
};

export const DeleteStage: Operation = async (ctx) => {
  await deleteStage({ ...ctx.repo, stageName: ctx.params.stageName });
  return { wrote: true };
};
