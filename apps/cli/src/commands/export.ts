import path from 'node:path';
import { buildAwsExport, Errors, exportDefinition, readDeployment } from '@gitway/core';
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

/** Writes what core's buildAwsExport builds into a directory and prints the aws commands that apply it. */
async function exportAws(ctx: Context, args: Args): Promise<Output> {
  const { id, files, patchOperations, notes } = await buildAwsExport({ ...ctx, rev: args.rev, stageName: args.stage });
  const dir = path.resolve(ctx.cwd, args.out ?? 'aws-export');
  await ctx.fs.promises.mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeAtomic(ctx, path.join(dir, name), text);
  const rel = path.relative(ctx.cwd, dir) || '.';
  const commands = [
    `aws apigateway put-rest-api --rest-api-id "$REST_API_ID" --mode overwrite --body fileb://${rel}/api.json`,
    `aws apigateway create-deployment --rest-api-id "$REST_API_ID" --cli-input-json file://${rel}/create-deployment.json`,
    ...(files['update-stage.json'] ? [`aws apigateway update-stage --rest-api-id "$REST_API_ID" --cli-input-json file://${rel}/update-stage.json`] : []),
  ];
  return {
    json: { id, dir, files: Object.keys(files).sort(), commands, ...(patchOperations ? { patchOperations } : {}) },
    text: [`exported ${shortId(id)} to ${rel}/ (${Object.keys(files).sort().join(', ')}); run:`, ...commands.map((c) => `  ${c}`), ...notes].join('\n'),
  };
}
