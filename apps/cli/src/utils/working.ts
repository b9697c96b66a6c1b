import path from 'node:path';
import type { Api } from '@gitway/core';
import { currentBranch, diff, writeWorkingDefinition } from '@gitway/core';
import type { Context } from '../context.js';
import { readDefinition, workingDefinitionPath } from './definition.js';

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
  const file = await writeWorkingDefinition({ ...ctx, api });
  return path.relative(ctx.cwd, file) || file;
}

/**
 * Semantic changes of the working definition against the current branch tip (all of it when
 * the branch is empty). An unchanged definition is answered from the repository's index
 * without parsing it (core definitionTree).
 */
export async function undeployedChanges(ctx: Context): Promise<{ count: number; exists: boolean; tip: string | null; file: string }> {
  const file = await workingDefinitionPath(ctx);
  const exists = await ctx.fs.promises.stat(file).then(() => true, () => false);
  const { id } = await currentBranch(ctx);
  if (!exists) return { count: 0, exists, tip: id, file };
  if (!id) return { count: Object.keys((await readDefinition(ctx, file)).api.resources).length || 1, exists, tip: id, file };
  const to = { definition: file, filename: path.relative(ctx.cwd, file) || file };
  return { count: (await diff({ ...ctx, from: id, to })).changes.length, exists, tip: id, file };
}
