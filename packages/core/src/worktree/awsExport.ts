import type { RepoOptions } from '../models/FsClient.js';
import type { PatchOperation } from '../models/patchOperations.js';
import { readDeployment } from '../api/log.js';
import { getStage } from '../api/stages.js';
import { newStage } from '../api/createStage.js';
import { diffStages } from '../models/stageDiff.js';
import { exportDefinition } from '../openapi/exportDefinition.js';

/** What `export --format aws` writes: file name -> text, and what the user should know. */
export interface AwsExport {
  /** The deployment exported. */
  id: string;
  /** `api.json` (put-rest-api body), `create-deployment.json`, and with a stage `update-stage.json`. */
  files: Record<string, string>;
  /** The update-stage patch operations (with a stage). */
  patchOperations?: PatchOperation[];
  /** Things left out or worth a look (the stage serves another deployment, its canary). */
  notes: string[];
}

/**
 * What the aws CLI needs to apply a reviewed gitway deployment (and stage) to real API
 * Gateway: the OpenAPI 3.0 JSON for `put-rest-api --mode overwrite`, the
 * `create-deployment` input and, with `stageName`, the `update-stage` patch operations
 * from a fresh stage to the stage's settings. Deployment ids are API Gateway's own there,
 * so /deploymentId is set by create-deployment --stage-name and a canary is left out (it
 * needs its own deployment). Nothing is written: the caller writes `files`.
 *
 * @example
 * const { files } = await buildAwsExport({ fs, gitdir, rev: 'prod', stageName: 'prod' });
 * // files['api.json'], files['create-deployment.json'], files['update-stage.json']
 */
export async function buildAwsExport(opts: RepoOptions & { rev: string; stageName?: string }): Promise<AwsExport> {
  const d = await readDeployment(opts);
  const files: Record<string, string> = { 'api.json': exportDefinition({ api: d.api, format: 'oas30', syntax: 'json' }) };
  const deployment: Record<string, unknown> = { description: d.description || `gitway ${d.id.slice(0, 10)}` };
  const notes: string[] = [];
  let patchOperations: PatchOperation[] | undefined;
  if (opts.stageName !== undefined) {
    const { stage } = await getStage({ ...opts, stageName: opts.stageName });
    if (stage.deploymentId !== d.id) notes.push(`note: stage ${opts.stageName} serves ${stage.deploymentId.slice(0, 10)}, not ${d.id.slice(0, 10)}; exporting ${opts.rev} with its settings`);
    if (stage.canarySettings) notes.push(`note: the canary of ${opts.stageName} is not exported; create it with create-deployment --stage-name ${opts.stageName} --canary-settings after this`);
    const ops = diffStages(newStage(stage.stageName, stage.deploymentId, stage.createdDate), { ...stage, canarySettings: undefined });
    deployment.stageName = stage.stageName;
    if (stage.description) deployment.stageDescription = stage.description;
    patchOperations = ops.filter((o) => o.path !== '/deploymentId' && o.path !== '/description');
    files['update-stage.json'] = JSON.stringify({ stageName: stage.stageName, patchOperations }, null, 2) + '\n';
  }
  files['create-deployment.json'] = JSON.stringify(deployment, null, 2) + '\n';
  return { id: d.id, files, ...(patchOperations ? { patchOperations } : {}), notes };
}
