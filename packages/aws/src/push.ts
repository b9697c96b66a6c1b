import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { awsDeploymentsRef, Errors, exportDefinition, GitwayError, getAwsDeployments, getStage, readDeployment, recordAwsDeployments, type Stage, type WriteOptions } from '@gitway/core';
import { deployProblems } from '@gitway/core/internal';
import { send } from './client.js';
import { fromAwsStage } from './awsStage.js';
import { gitwayIdOf, newDeploymentRef, planPush, type AwsCall, type PushPlan, type PushPlanInput } from './plan.js';
import { AwsCallError } from './errors/AwsCallError.js';
import { renderCall } from './renderPlan.js';

export interface AwsSyncOptions extends WriteOptions {
  client: APIGatewayClient;
  restApiId: string;
}

/** An AWS deployment as GetDeployments lists it. */
export interface AwsDeployment {
  id: string;
  description?: string;
  createdDate?: string;
}

/** GetRestApi: an unknown id is NotFoundError (one line, AWS's words), before anything else is asked. */
export async function assertRestApi(opts: AwsSyncOptions): Promise<{ name?: string }> {
  awsDeploymentsRef(opts.restApiId);
  try {
    return await send(opts.client, 'GetRestApi', { restApiId: opts.restApiId });
  } catch (err) {
    if (err instanceof AwsCallError && err.data.awsType === 'NotFoundException') {
      const region = await opts.client.config.region().catch(() => '?');
      throw new Errors.NotFoundError(`REST API ${opts.restApiId} not found in ${region} (NotFoundException: ${err.data.awsMessage})`, { what: 'restApi', name: opts.restApiId });
    }
    throw err;
  }
}

/** Every deployment of the API (GetDeployments, page by page). */
export async function awsDeployments(opts: AwsSyncOptions): Promise<AwsDeployment[]> {
  const out: AwsDeployment[] = [];
  let position: string | undefined;
  do {
    const page = await send(opts.client, 'GetDeployments', { restApiId: opts.restApiId, limit: 500, ...(position ? { position } : {}) });
    for (const d of page.items ?? []) out.push({ id: d.id, ...(d.description ? { description: d.description } : {}), ...(d.createdDate ? { createdDate: new Date(d.createdDate).toISOString() } : {}) });
    position = page.position;
  } while (position);
  return out;
}

/**
 * gitway deployment -> an AWS deployment holding it: the recorded links whose AWS
 * deployment still exists, and AWS deployments whose description carries a gitway id
 * of this repository (a push whose record was lost, a repository cloned without its refs).
 */
async function liveLinks(opts: AwsSyncOptions, onAws: AwsDeployment[]): Promise<Record<string, string>> {
  const recorded = await getAwsDeployments(opts);
  const out: Record<string, string> = {};
  const latestFirst = [...onAws].sort((a, b) => (b.createdDate ?? '').localeCompare(a.createdDate ?? ''));
  for (const d of latestFirst) {
    const id = recorded[d.id]?.deploymentId ?? gitwayIdOf(d.description);
    if (id && !out[id]) out[id] = d.id;
  }
  return out;
}

/** Refuses what API Gateway would refuse, before any call (the deploy checks). */
function assertDeployable(id: string, api: Parameters<typeof deployProblems>[0]): void {
  const problems = deployProblems(api);
  if (!problems.length) return;
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new Errors.InvalidDefinitionError(`deployment ${id.slice(0, 10)}: ${first.pointer}: ${first.message}${more}`, { pointer: first.pointer, problems, deploymentId: id });
}

/**
 * Reads what a push of `stageName` starts from: gitway's stage and its deployments (checked
 * as deploy checks them, then exported), and AWS's answers (GetRestApi, GetDeployments,
 * GetStage). Read-only on both sides.
 */
export async function readPushState(opts: AwsSyncOptions & { stageName: string }): Promise<PushPlanInput> {
  awsDeploymentsRef(opts.restApiId);
  const { stage } = await getStage({ ...opts, stageName: opts.stageName });
  const deployments: PushPlanInput['deployments'] = {};
  for (const id of new Set([stage.deploymentId, ...(stage.canarySettings?.deploymentId ? [stage.canarySettings.deploymentId] : [])])) {
    const d = await readDeployment({ ...opts, rev: id });
    assertDeployable(id, d.api);
    deployments[id] = { ...(d.description ? { description: d.description } : {}), body: exportDefinition({ api: d.api, format: 'oas30', syntax: 'json' }) };
  }
  await assertRestApi(opts);
  const region = await opts.client.config.region();
  const awsIds = await liveLinks(opts, await awsDeployments(opts));
  let awsStage: Stage | null = null;
  try {
    awsStage = fromAwsStage(await send(opts.client, 'GetStage', { restApiId: opts.restApiId, stageName: opts.stageName }));
  } catch (err) {
    if (!(err instanceof AwsCallError && err.data.awsType === 'NotFoundException')) throw err;
  }
  return { restApiId: opts.restApiId, region, stage, deployments, awsIds, awsStage };
}

/** What a push did: the plan and, per call made, its operation and (for CreateDeployment) the AWS id. */
export interface PushResult {
  plan: PushPlan;
  region: string;
  dryRun: boolean;
  done: { operation: AwsCall['operation']; deploymentId?: string; awsDeploymentId?: string }[];
}

/**
 * Makes AWS's stage match gitway's: reads both sides, plans (`planPush`) and, unless
 * `dryRun`, makes the calls in order, reporting each through `onCall` before it is sent.
 * Each CreateDeployment's answer is recorded in the repository at once
 * (`recordAwsDeployments`), so a push that stops part way (AwsCallError with
 * data.done/notDone) is completed by running it again.
 *
 * @example
 * const client = createApiGatewayClient({ region: 'eu-west-1' });
 * const { plan } = await pushStage({ fs, gitdir, client, restApiId: 'a1b2c3d4e5', stageName: 'prod', dryRun: true });
 */
export async function pushStage(opts: AwsSyncOptions & { stageName: string; dryRun?: boolean; onCall?: (call: AwsCall, index: number, total: number) => void }): Promise<PushResult> {
  const state = await readPushState(opts);
  const plan = planPush(state);
  const result: PushResult = { plan, region: state.region, dryRun: !!opts.dryRun, done: [] };
  if (opts.dryRun) return result;
  const created: Record<string, string> = {};
  for (const [i, call] of plan.calls.entries()) {
    let text = JSON.stringify(call.input);
    for (const [id, awsId] of Object.entries(created)) text = text.split(JSON.stringify(newDeploymentRef(id)).slice(1, -1)).join(awsId);
    const input = JSON.parse(text) as Record<string, unknown>;
    if (call.operation === 'PutRestApi') input.body = new TextEncoder().encode(String(input.body));
    opts.onCall?.(call, i, plan.calls.length);
    let answer: { id?: string; createdDate?: Date };
    try {
      answer = await send(opts.client, call.operation, input);
    } catch (err) {
      throw stopped(err, result, plan.calls.slice(i), opts.stageName);
    }
    const step: PushResult['done'][number] = { operation: call.operation, ...(call.deploymentId ? { deploymentId: call.deploymentId } : {}) };
    if (call.operation === 'CreateDeployment' && call.deploymentId && answer.id) {
      created[call.deploymentId] = answer.id;
      step.awsDeploymentId = answer.id;
      await recordAwsDeployments({
        ...opts,
        links: { [answer.id]: { deploymentId: call.deploymentId, ...(answer.createdDate ? { createdDate: new Date(answer.createdDate).toISOString() } : {}) } },
      });
    }
    result.done.push(step);
  }
  return result;
}

/** The error of the call that failed, its message saying what was done and what was not. */
function stopped(err: unknown, result: PushResult, left: AwsCall[], stageName: string): unknown {
  if (!(err instanceof GitwayError)) return err;
  const e = err;
  const done = result.done.map((d) => (d.awsDeploymentId ? `${d.operation} (${d.deploymentId!.slice(0, 10)} = AWS ${d.awsDeploymentId})` : d.operation));
  const notDone = left.map((c) => renderCall(c)[0]!.split(' ')[0]!);
  const Ctor = e.constructor as new (message: string, data: Record<string, unknown>) => Error;
  return new Ctor(
    `${e.message}; done: ${done.length ? done.join(', ') : 'nothing'}; not done: ${notDone.join(', ')}; run 'gitway aws push ${stageName}' again to complete it`,
    { ...e.data, done: result.done, notDone: left.map((c) => c.operation) },
  );
}
