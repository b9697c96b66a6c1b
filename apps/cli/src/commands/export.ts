import path from 'node:path';
import { exportDefinition, readDeployment } from '@gitway/core';
import type { Context, Output } from '../context.js';

export default async function (ctx: Context, args: { rev: string; format?: 'oas30' | 'swagger2'; yaml?: boolean; jsonOutput?: boolean; out?: string }): Promise<Output> {
  const d = await readDeployment({ ...ctx, rev: args.rev });
  const syntax = args.jsonOutput ? 'json' : 'yaml';
  const text = exportDefinition({ api: d.api, format: args.format, syntax });
  if (args.out) {
    const abs = path.resolve(ctx.cwd, args.out);
    const tmp = `${abs}.tmp-${process.pid}`;
    await ctx.fs.promises.writeFile(tmp, text);
    await ctx.fs.promises.rename(tmp, abs);
    return { json: { id: d.id, file: abs, format: args.format ?? d.api.restApi.sourceFormat ?? 'oas30' }, text: `exported ${d.id.slice(0, 10)} to ${args.out}` };
  }
  return { json: JSON.parse(exportDefinition({ api: d.api, format: args.format, syntax: 'json' })), text };
}
