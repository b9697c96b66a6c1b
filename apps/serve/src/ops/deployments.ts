import { deleteDeployment, deploy, listDeployments, readDeployment, readWorkingDefinition, updateDeployment } from '@gitway/core';
import { badRequest, notFound } from '../errors.js';
import { checkNested, checkPatchOperations, parseBody } from '../body.js';
import { deploymentToWire } from '../wire.js';
import type { Operation } from './context.js';

/** Deployment ids are commit ids (or 4+ hex digit prefixes): a branch or stage name is not one here. */
export function assertDeploymentId(id: string): void {
  if (!/^[0-9a-f]{4,40}$/.test(id)) throw notFound('Invalid Deployment identifier specified');
}

/**
 * CreateDeployment: the working definition becomes a new deployment on the current branch
 * (always a new commit, as AWS always makes a new deployment), and with stageName the stage
 * moves to it — core's deploy, the call `gitway deploy --stage` makes, with the stage's
 * description, cache and tracing settings in the same stage commit.
 */
export const CreateDeployment: Operation = async (ctx) => {
  const b = parseBody(ctx.name, ctx.body, {
    stageName: 'string', stageDescription: 'string', description: 'string', cacheClusterEnabled: 'boolean', cacheClusterSize: 'string',
    variables: 'stringMap', canarySettings: 'object', tracingEnabled: 'boolean',
  });
  if (b.canarySettings) checkNested(ctx.name, 'canarySettings', b.canarySettings, { percentTraffic: 'number', stageVariableOverrides: 'stringMap', useStageCache: 'boolean' });
  const working = await readWorkingDefinition(ctx.repo);
  if (!working || !Object.values(working.api.resources).some((r) => Object.keys(r.resourceMethods).length)) {
    throw badRequest("The REST API doesn't contain any methods");
  }
  const stageOptions: Record<string, unknown> = {};
  for (const k of ['cacheClusterEnabled', 'cacheClusterSize', 'tracingEnabled'] as const) if (b[k] !== undefined) stageOptions[k] = b[k];
  const d = await deploy({
    ...ctx.write,
    api: working.api,
    source: { text: working.text, filename: working.file },
    description: b.description,
    allowEmpty: true,
    stageName: b.stageName,
    stageDescription: b.stageDescription,
    stageOptions: Object.keys(stageOptions).length ? stageOptions : undefined,
    variables: b.variables,
    canary: b.canarySettings,
  });
  return { body: deploymentToWire(d), wrote: true };
};

/** UpdateDeployment: core's updateDeployment (the description; a deployment's API never changes). */
export const UpdateDeployment: Operation = async (ctx) => {
  assertDeploymentId(ctx.params.deploymentId);
  const b = parseBody(ctx.name, ctx.body, { patchOperations: 'list' });
  const d = await updateDeployment({ ...ctx.write, deploymentId: ctx.params.deploymentId, patchOperations: checkPatchOperations(ctx.name, b.patchOperations) });
  return { body: deploymentToWire(d), wrote: true };
};

export const GetDeployment: Operation = async (ctx) => {
  assertDeploymentId(ctx.params.deploymentId);
  const d = await readDeployment({ ...ctx.repo, rev: ctx.params.deploymentId }).catch(() => null);
  if (!d || d.deleted) throw notFound('Invalid Deployment identifier specified');
  return { body: deploymentToWire(d) };
};

export const GetDeployments: Operation = async (ctx) => {
  const limit = Number(ctx.query.get('limit') ?? 500);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw badRequest('limit must be an integer between 1 and 500');
  return { body: { item: (await listDeployments({ ...ctx.repo, limit })).map(deploymentToWire) } };
};

export const DeleteDeployment: Operation = async (ctx) => {
  assertDeploymentId(ctx.params.deploymentId);
  await deleteDeployment({ ...ctx.write, deploymentId: ctx.params.deploymentId });
  return { wrote: true };
};
