import path from 'node:path';
import { Errors, exportDefinition, getStage, readDeployment } from '@gitway/core';
import { diffStages, newStage } from '@gitway/core/internal';
import type { Context, Output } from '../context.js';
import { shortId } from '@gitway/core/internal';

interface Args {
  rev: string;
  format?: 'oas30' | 'swagger2' | 'aws';
  yaml?: boolean;
  jsonOutput?: boolean;
  out?: string;
  stage?: string;
}

export default async function (ctx: Context, args: Args): Promise<Output> {
  if (args.format === 'aws') return exportAws(ctx, args);
  if (args.stage !== undefined) throw new Errors.InvalidParameterError('--stage needs --format aws', { path: 'stage', value: args.stage });
  const d = await readDeployment({ ...ctx, rev: args.rev });
  // JSON with --json / --json-output, or for an --out file named *.json; YAML otherwise (and with --yaml).
  const json = !args.yaml && (args.jsonOutput || ctx.json || (args.out !== undefined && args.out.toLowerCase().endsWith('.json')));
  const text = exportDefinition({ api: d.api, format: args.format as 'oas30' | 'swagger2' | undefined, syntax: json ? 'json' : 'yaml' });
  if (args.out) {
    const abs = path.resolve(ctx.cwd, args.out);
    await writeAtomic(ctx, abs, text);
    return { json: { id: d.id, file: abs, format: args.format ?? d.api.restApi.sourceFormat ?? 'oas30' }, text: `exported ${shortId(d.id)} to ${args.out}` };
  }
  return { json: JSON.parse(exportDefinition({ api: d.api, format: args.format as 'oas30' | 'swagger2' | undefined, syntax: 'json' })), text };
}

async function writeAtomic(ctx: Context, file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await ctx.fs.promises.writeFile(tmp, text);
  await ctx.fs.promises.rename(tmp, file);
}

/**
 * What the aws CLI needs to apply a reviewed gitway stage to real API Gateway: the
 * OpenAPI 3.0 JSON for put-rest-api --mode overwrite, the create-deployment input and,
 * with --stage, the update-stage patch operations from a fresh stage to the stage's
 * settings. Deployment ids are API Gateway's own there, so /deploymentId is set by
 * create-deployment --stage-name and a canary is left out (it needs its own deployment).
 */
async function exportAws(ctx: Context, args: Args): Promise<Output> {
  const d = await readDeployment({ ...ctx, rev: args.rev });
  const dir = path.resolve(ctx.cwd, args.out ?? 'aws-export');
  await ctx.fs.promises.mkdir(dir, { recursive: true });
  const files: Record<string, string> = { 'api.json': exportDefinition({ api: d.api, format: 'oas30', syntax: 'json' }) };
  const deployment: Record<string, unknown> = { description: d.description || `gitway ${shortId(d.id)}` };
  const notes: string[] = [];
  let patchOperations: unknown[] | undefined;
  if (args.stage !== undefined) {
    const { stage } = await getStage({ ...ctx, stageName: args.stage });
    if (stage.deploymentId !== d.id) notes.push(`note: stage ${args.stage} serves ${shortId(stage.deploymentId)}, not ${shortId(d.id)}; exporting ${args.rev} with its settings`);
    if (stage.canarySettings) notes.push(`note: the canary of ${args.stage} is not exported; create it with create-deployment --stage-name ${args.stage} --canary-settings after this`);
    const ops = diffStages(newStage(stage.stageName, stage.deploymentId, stage.createdDate), { ...stage, canarySettings: undefined });
    deployment.stageName = stage.stageName;
    if (stage.description) deployment.stageDescription = stage.description;
    patchOperations = ops.filter((o) => o.path !== '/deploymentId' && o.path !== '/description');
    files['update-stage.json'] = JSON.stringify({ stageName: stage.stageName, patchOperations }, null, 2) + '\n';
  }
  files['create-deployment.json'] = JSON.stringify(deployment, null, 2) + '\n';
  for (const [name, text] of Object.entries(files)) await writeAtomic(ctx, path.join(dir, name), text);
  const rel = path.relative(ctx.cwd, dir) || '.';
  const commands = [
    `aws apigateway put-rest-api --rest-api-id "$REST_API_ID" --mode overwrite --body fileb://${rel}/api.json`,
    `aws apigateway create-deployment --rest-api-id "$REST_API_ID" --cli-input-json file://${rel}/create-deployment.json`,
    ...(files['update-stage.json'] ? [`aws apigateway update-stage --rest-api-id "$REST_API_ID" --cli-input-json file://${rel}/update-stage.json`] : []),
  ];
  return {
    json: { id: d.id, dir, files: Object.keys(files).sort(), commands, ...(patchOperations ? { patchOperations } : {}) },
    text: [`exported ${shortId(d.id)} to ${rel}/ (${Object.keys(files).sort().join(', ')}); run:`, ...commands.map((c) => `  ${c}`), ...notes].join('\n'),
  };
}
