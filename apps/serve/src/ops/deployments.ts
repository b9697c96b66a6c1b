import { assertStage, createStage, deleteDeployment, deploy, getStage, listDeployments, newStage, readDeployment, readWorkingDefinition, updateStage, type PatchOperation, type Stage } from '@gitway/core';
import { badRequest, notFound } from '../errors.js';
import { checkNested, parseBody } from '../body.js';
import { deploymentToWire } from '../wire.js';
import type { Operation } from './context.js';

/** Deployment ids are commit ids (or 4+ hex digit prefixes): a branch or stage name is not one here. */
export function assertDeploymentId(id: string): void {
  if (!/^[0-9a-f]{4,40}$/.test(id)) throw notFound('Invalid Deployment identifier specified');
}

/**
 * CreateDeployment: the working definition becomes a new deployment on the current branch
 * (always a new commit, as AWS always makes a new deployment), and with stageName the stage
 * moves to it — core's deploy, the call `gitway deploy --stage` makes. A stage it creates
 * gets stageDescription and the cache/tracing settings in that one stage commit; on an
 * existing stage those settings are one UpdateStage commit after the move.
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
  const stageName: string | undefined = b.stageName || undefined;
  const settings: Partial<Stage> = {};
  for (const k of ['cacheClusterEnabled', 'cacheClusterSize', 'tracingEnabled'] as const) if (b[k] !== undefined) (settings as any)[k] = b[k];
  if (b.stageDescription !== undefined) settings.description = b.stageDescription;
  const existing = stageName ? await getStage({ ...ctx.repo, stageName }).catch(() => null) : null;
  // Checked before the deployment commit is written: bad settings leave the repository as it was.
  if (stageName) assertStage({ ...newStage(stageName, '0'.repeat(40), new Date(0).toISOString()), ...existing?.stage, ...settings, variables: { ...existing?.stage.variables, ...b.variables } });
  const canary = b.canarySettings ? { percentTraffic: b.canarySettings.percentTraffic, stageVariableOverrides: b.canarySettings.stageVariableOverrides, useStageCache: b.canarySettings.useStageCache } : undefined;
  if (stageName && !existing && !canary) {
    const d = await deploy({ ...ctx.write, api: working.api, description: b.description, allowEmpty: true });
    await createStage({ ...ctx.write, stageName, deployment: d.id, variables: b.variables, settings });
    return { body: deploymentToWire(d), wrote: true };
  }
  const d = await deploy({ ...ctx.write, api: working.api, description: b.description, allowEmpty: true, stageName, variables: b.variables, canary });
  const ops: PatchOperation[] = Object.entries(settings).map(([k, v]) => ({ op: 'replace', path: `/${k}`, value: String(v) }));
  if (stageName && ops.length) await updateStage({ ...ctx.write, stageName, patchOperations: ops });
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
