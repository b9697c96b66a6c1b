import { createStage, deploy, getStage, getAwsDeployments, parseDefinition, readDeployment, recordAwsDeployments, tagStage, untagStage, updateStage, type AwsDeploymentMap, type Stage } from '@gitway/core';
import { diffStages } from '@gitway/core/internal';
import type { Stage as SdkStage } from '@aws-sdk/client-api-gateway';
import { send } from './client.js';
import { fromAwsStage, syncedSettings, tagChanges } from './awsStage.js';
import { gitwayIdOf } from './plan.js';
import { assertRestApi, awsDeployments, type AwsDeployment, type AwsSyncOptions } from './push.js';

/** What a pull did. */
export interface PullResult {
  restApiId: string;
  branch: string;
  /** AWS deployments that stages use, each with the gitway deployment holding it (`imported`: made by this pull). */
  deployments: { awsId: string; deploymentId: string; createdDate?: string; imported: boolean }[];
  /** Per AWS stage: created, updated (with the patch operations) or unchanged in gitway. */
  stages: { stageName: string; action: 'created' | 'updated' | 'unchanged'; deploymentId: string; patchOperations: { op: string; path: string; value?: string }[]; notes: string[] }[];
  /** AWS deployments no stage uses: GetExport exports stages only, so they cannot be imported. */
  notImportable: AwsDeployment[];
}

async function exists(opts: AwsSyncOptions, id: string): Promise<boolean> {
  try {
    return (await readDeployment({ ...opts, rev: id })).id === id;
  } catch {
    return false;
  }
}

/**
 * Adopts a REST API that lives in API Gateway: each deployment a stage serves is exported
 * (GetExport of a stage serving it, oas30 with the apigateway extensions) and committed as
 * a gitway deployment on branch `aws/<restApiId>` (oldest first, dated with AWS's
 * createdDate, `allowEmpty`: one commit per AWS deployment) and linked to its AWS id
 * (`recordAwsDeployments`); deployments already linked, or created by a gitway push of this
 * repository, are not exported again. Then each AWS stage becomes the gitway stage of the
 * same name with its settings (created, or one update commit when AWS changed it, tags by
 * tagStage/untagStage). Canary deployments no stage serves cannot be exported: that canary
 * is left out with a note. Deployments no stage uses are listed in `notImportable`.
 *
 * @example
 * const r = await pullRestApi({ fs, gitdir, client: createApiGatewayClient({ region: 'eu-west-1' }), restApiId: 'a1b2c3d4e5' });
 * r.stages.map((s) => `${s.stageName}: ${s.action}`);
 */
export async function pullRestApi(opts: AwsSyncOptions & { onCall?: (operation: string, detail: string) => void }): Promise<PullResult> {
  const note = (operation: string, detail: string) => opts.onCall?.(operation, detail);
  const branch = `aws/${opts.restApiId}`;
  note('GetRestApi', opts.restApiId);
  await assertRestApi(opts);
  note('GetStages', opts.restApiId);
  const sdkStages: SdkStage[] = ((await send(opts.client, 'GetStages', { restApiId: opts.restApiId })).item ?? []).sort((a: SdkStage, b: SdkStage) => (a.stageName! < b.stageName! ? -1 : 1));
  note('GetDeployments', opts.restApiId);
  const onAws = await awsDeployments(opts);
  const byId = new Map(onAws.map((d) => [d.id, d]));
  const recorded = await getAwsDeployments(opts);
  const gitwayOf = new Map<string, string>();
  for (const d of onAws) {
    const id = recorded[d.id]?.deploymentId ?? gitwayIdOf(d.description);
    if (id && (recorded[d.id] || (await exists(opts, id)))) gitwayOf.set(d.id, id);
  }
  const result: PullResult = { restApiId: opts.restApiId, branch, deployments: [], stages: [], notImportable: [] };
  // Each deployment a stage serves, through the first stage serving it, oldest first.
  const servedBy = new Map<string, string>();
  for (const s of sdkStages) if (s.deploymentId && !servedBy.has(s.deploymentId)) servedBy.set(s.deploymentId, s.stageName!);
  const served = [...servedBy.keys()].sort((a, b) => (byId.get(a)?.createdDate ?? '').localeCompare(byId.get(b)?.createdDate ?? '') || (a < b ? -1 : 1));
  const links: AwsDeploymentMap = {};
  for (const awsId of served) {
    const info = byId.get(awsId);
    const known = gitwayOf.get(awsId);
    if (known) {
      result.deployments.push({ awsId, deploymentId: known, ...(info?.createdDate ? { createdDate: info.createdDate } : {}), imported: false });
      if (!recorded[awsId]) links[awsId] = { deploymentId: known, ...(info?.createdDate ? { createdDate: info.createdDate } : {}) };
      continue;
    }
    const stageName = servedBy.get(awsId)!;
    note('GetExport', `${stageName} (deployment ${awsId})`);
    const answer = await send(opts.client, 'GetExport', { restApiId: opts.restApiId, stageName, exportType: 'oas30', parameters: { extensions: 'apigateway' }, accepts: 'application/json' });
    const text = new TextDecoder().decode(answer.body);
    const api = await parseDefinition({ text, filename: `${opts.restApiId}-${stageName}.json` });
    const created = info?.createdDate ? Date.parse(info.createdDate) : undefined;
    const d = await deploy({ ...opts, api, branch, description: info?.description ?? `AWS deployment ${awsId}`, allowEmpty: true, ...(created ? { now: () => created } : {}) });
    gitwayOf.set(awsId, d.id);
    links[awsId] = { deploymentId: d.id, ...(info?.createdDate ? { createdDate: info.createdDate } : {}) };
    result.deployments.push({ awsId, deploymentId: d.id, ...(info?.createdDate ? { createdDate: info.createdDate } : {}), imported: true });
  }
  if (Object.keys(links).length) await recordAwsDeployments({ ...opts, links });
  for (const s of sdkStages) result.stages.push(await pullStage(opts, fromAwsStage(s), gitwayOf));
  const used = new Set(sdkStages.flatMap((s) => [s.deploymentId, s.canarySettings?.deploymentId]));
  result.notImportable = onAws.filter((d) => !used.has(d.id) && !gitwayOf.has(d.id));
  return result;
}

/** Makes gitway's stage `aws.stageName` match AWS's (deployment ids translated). */
async function pullStage(opts: AwsSyncOptions, aws: Stage, gitwayOf: Map<string, string>): Promise<PullResult['stages'][number]> {
  const notes: string[] = [];
  const deploymentId = gitwayOf.get(aws.deploymentId)!;
  const target: Stage = { ...syncedSettings(aws), deploymentId };
  if (aws.canarySettings) {
    const canaryId = gitwayOf.get(aws.canarySettings.deploymentId ?? aws.deploymentId);
    if (canaryId) target.canarySettings = { ...aws.canarySettings, deploymentId: canaryId };
    else {
      delete target.canarySettings;
      notes.push(`canary deployment ${aws.canarySettings.deploymentId} is served by no stage, so AWS cannot export it: canary left out`);
    }
  }
  const tags = aws.tags ?? {};
  let current: Stage | null = null;
  try {
    current = (await getStage({ ...opts, stageName: aws.stageName })).stage;
  } catch (err) {
    if ((err as { code?: string }).code !== 'NotFoundError') throw err;
  }
  if (!current) {
    const { stageName: _n, createdDate: _c, lastUpdatedDate: _l, deploymentId: _d, ...settings } = target;
    await createStage({ ...opts, stageName: aws.stageName, deployment: deploymentId, settings: { ...settings, ...(Object.keys(tags).length ? { tags } : {}) } });
    return { stageName: aws.stageName, action: 'created', deploymentId, patchOperations: [], notes };
  }
  const patchOperations = diffStages(syncedSettings(current), target);
  if (patchOperations.length) await updateStage({ ...opts, stageName: aws.stageName, patchOperations, message: `aws pull ${opts.restApiId} ${aws.stageName}` });
  const { remove, set } = tagChanges(current.tags, tags);
  if (remove.length) await untagStage({ ...opts, stageName: aws.stageName, tagKeys: remove });
  if (Object.keys(set).length) await tagStage({ ...opts, stageName: aws.stageName, tags: set });
  const action = patchOperations.length || remove.length || Object.keys(set).length ? 'updated' : 'unchanged';
  return { stageName: aws.stageName, action, deploymentId, patchOperations, notes };
}
