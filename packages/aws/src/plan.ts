import { type PatchOperation, type Stage } from '@gitway/core';
import { diffStages, newStage } from '@gitway/core/internal';
import { stageArn, syncedSettings, tagCalls } from './awsStage.js';

/** One API Gateway call of a push: the SDK operation name and its input, as the plan shows it. */
export interface AwsCall {
  operation: 'PutRestApi' | 'CreateDeployment' | 'CreateStage' | 'UpdateStage' | 'TagResource' | 'UntagResource';
  input: Record<string, unknown>;
  /** For PutRestApi and CreateDeployment: the gitway deployment the call is for. */
  deploymentId?: string;
}

/** What a push starts from: gitway's stage and what AWS answered. */
export interface PushPlanInput {
  restApiId: string;
  /** The region of the REST API (stage ARNs for tagging name it). */
  region: string;
  /** The gitway stage to reproduce. */
  stage: Stage;
  /** The deployments the stage names (active, canary): description and `exportDefinition` oas30 JSON text. */
  deployments: Record<string, { description?: string; body: string }>;
  /** gitway deployment id -> an AWS deployment of this API that holds it (recorded, and still on AWS). */
  awsIds: Record<string, string>;
  /** GetStage's answer as a gitway Stage (`fromAwsStage`), null when AWS has no such stage. */
  awsStage: Stage | null;
}

/** What differs between gitway's stage and AWS's, and the calls that remove the difference. */
export interface PushPlan {
  restApiId: string;
  stageName: string;
  calls: AwsCall[];
  /** gitway deployments AWS does not have yet (each is a PutRestApi + CreateDeployment). */
  newDeployments: string[];
  /** The stage does not exist on AWS (CreateStage). */
  createStage: boolean;
  /** The active deployment AWS serves and the one gitway's stage names, when they differ. */
  deployment: { aws: string | null; gitway: string; awsId: string | null } | null;
  /** UpdateStage patch operations for settings (everything but /deploymentId). */
  settings: PatchOperation[];
  /** Tag changes (TagResource / UntagResource inputs). */
  tags: AwsCall[];
}

/** The placeholder a plan holds for the AWS id CreateDeployment will give `deploymentId`. */
export function newDeploymentRef(deploymentId: string): string {
  return `(new deployment of ${deploymentId})`;
}

/** CreateDeployment's description: the gitway description and the gitway id, so AWS's history names it. */
export function deploymentDescription(deploymentId: string, description?: string): string {
  return `${description ? `${description} ` : ''}(gitway ${deploymentId})`;
}

/** The gitway deployment id a CreateDeployment description of `deploymentDescription` carries. */
export function gitwayIdOf(description: string | undefined): string | null {
  return /\(gitway ([0-9a-f]{40})\)$/.exec(description ?? '')?.[1] ?? null;
}

/**
 * The API Gateway calls that make AWS's stage match gitway's, in order, computed from
 * answers only (no I/O): for each deployment the stage names that AWS does not hold,
 * PutRestApi (overwrite, the deployment's export) then CreateDeployment; then CreateStage
 * when AWS lacks the stage; then one UpdateStage with the patch operations `diffStages`
 * gives from AWS's stage to gitway's (a rollback to a deployment AWS holds is that call
 * alone, `replace /deploymentId`); then tag changes. Ids of deployments not created yet
 * are `newDeploymentRef` placeholders, replaced as the push runs.
 *
 * @example
 * const plan = planPush({ restApiId, region: 'us-east-1', stage, deployments, awsIds: { [v1]: 'x7k2p9q4m1' }, awsStage });
 * plan.calls.map((c) => c.operation); // ['UpdateStage']
 */
export function planPush(input: PushPlanInput): PushPlan {
  const { restApiId, stage } = input;
  const awsId = (id: string) => input.awsIds[id] ?? newDeploymentRef(id);
  const wanted = [stage.deploymentId, ...(stage.canarySettings?.deploymentId ? [stage.canarySettings.deploymentId] : [])];
  const newDeployments = [...new Set(wanted)].filter((id) => !input.awsIds[id]);
  const calls: AwsCall[] = [];
  for (const id of newDeployments) {
    const d = input.deployments[id];
    if (!d) throw new Error(`planPush: no export given for deployment ${id}`);
    calls.push({ operation: 'PutRestApi', input: { restApiId, mode: 'overwrite', body: d.body }, deploymentId: id });
    calls.push({ operation: 'CreateDeployment', input: { restApiId, description: deploymentDescription(id, d.description) }, deploymentId: id });
  }
  const target = syncedSettings({
    ...stage,
    deploymentId: awsId(stage.deploymentId),
    ...(stage.canarySettings ? { canarySettings: { ...stage.canarySettings, deploymentId: awsId(stage.canarySettings.deploymentId ?? stage.deploymentId) } } : {}),
  });
  let current: Stage;
  if (input.awsStage) current = syncedSettings(input.awsStage);
  else {
    const create: Record<string, unknown> = { restApiId, stageName: stage.stageName, deploymentId: target.deploymentId };
    if (target.description) create.description = target.description;
    if (target.variables) create.variables = target.variables;
    if (target.cacheClusterEnabled) create.cacheClusterEnabled = true;
    if (target.cacheClusterEnabled && target.cacheClusterSize) create.cacheClusterSize = target.cacheClusterSize;
    if (target.tracingEnabled) create.tracingEnabled = true;
    if (stage.tags && Object.keys(stage.tags).length) create.tags = stage.tags;
    calls.push({ operation: 'CreateStage', input: create });
    current = syncedSettings({
      ...newStage(stage.stageName, target.deploymentId, stage.createdDate),
      ...(target.description ? { description: target.description } : {}),
      ...(target.variables ? { variables: target.variables } : {}),
      cacheClusterEnabled: target.cacheClusterEnabled,
      ...(target.cacheClusterEnabled ? { cacheClusterSize: target.cacheClusterSize } : {}),
      tracingEnabled: target.tracingEnabled,
    });
  }
  const ops = diffStages(current, target);
  if (ops.length) calls.push({ operation: 'UpdateStage', input: { restApiId, stageName: stage.stageName, patchOperations: ops } });
  const tags = input.awsStage ? tagCalls(stageArn(input.region, restApiId, stage.stageName), input.awsStage.tags, stage.tags) : [];
  calls.push(...tags);
  const moved = current.deploymentId !== target.deploymentId || !input.awsStage;
  return {
    restApiId,
    stageName: stage.stageName,
    calls,
    newDeployments,
    createStage: !input.awsStage,
    deployment: moved ? { aws: input.awsStage?.deploymentId ?? null, gitway: stage.deploymentId, awsId: input.awsIds[stage.deploymentId] ?? null } : null,
    settings: ops.filter((o) => o.path !== '/deploymentId'),
    tags,
  };
}
