import path from 'node:path';
import type { Api } from '@gitway/core';
import { Errors, diff, exportDefinition, readDeployment, switchBranch, currentBranch } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { readDefinition, workingDefinitionPath } from '../utils/definition.js';
import { short } from '../utils/format.js';

/** The working definition's API, or null when the file does not exist. */
export async function readWorking(ctx: Context): Promise<Api | null> {
  const file = await workingDefinitionPath(ctx);
  if (!(await ctx.fs.promises.stat(file).then(() => true, () => false))) return null;
  return (await readDefinition(ctx)).api;
}

/**
 * Writes `api` into the working definition atomically, keeping the file's format
 * (OpenAPI 3 / Swagger 2, from what it holds now) and syntax (from its extension).
 */
export async function writeWorking(ctx: Context, api: Api): Promise<string> {
  const file = await workingDefinitionPath(ctx);
  const current = await readWorking(ctx).catch(() => null);
  const format = current?.restApi.sourceFormat ?? api.restApi.sourceFormat;
  const syntax = /\.json$/i.test(file) ? 'json' : 'yaml';
  const tmp = `${file}.tmp-${process.pid}`;
  await ctx.fs.promises.writeFile(tmp, exportDefinition({ api, format, syntax }));
  await ctx.fs.promises.rename(tmp, file);
  return path.relative(ctx.cwd, file) || file;
}

/** Semantic changes of the working definition against the current branch tip (all of it when the branch is empty). */
export async function undeployedChanges(ctx: Context): Promise<{ count: number; working: Api | null; tip: string | null }> {
  const working = await readWorking(ctx);
  const { id } = await currentBranch(ctx);
  if (!working) return { count: 0, working, tip: id };
  if (!id) return { count: Object.keys(working.resources).length || 1, working, tip: id };
  return { count: (await diff({ ...ctx, from: id, to: working })).changes.length, working, tip: id };
}

export default async function (ctx: Context, args: { name: string; create?: boolean; force?: boolean }): Promise<Output> {
  if (!args.force) {
    const pending = await undeployedChanges(ctx);
    if (pending.count > 0) {
      throw new Errors.ConflictError(
        `the working definition has ${pending.count} undeployed change(s); deploy them, or switch --force to discard them`,
        { reason: 'undeployed', changes: pending.count },
      );
    }
  }
  const branch = await switchBranch({ ...ctx, name: args.name, create: args.create });
  let file: string | undefined;
  if (branch.id) file = await writeWorking(ctx, (await readDeployment({ ...ctx, rev: branch.id })).api);
  const c = ctx.color;
  return {
    json: { branch: branch.name, id: branch.id, created: !!args.create, file: file ?? null },
    text: `${args.create ? 'Switched to a new branch' : 'Switched to branch'} '${c.green(branch.name)}'${branch.id ? ` at ${c.yellow(short(branch.id))}` : ''}${file ? `; wrote ${file}` : ''}`,
  };
}
