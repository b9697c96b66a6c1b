import path from 'node:path';
import type { Api, DefinitionSource } from '@gitway/core';
import { getDefinitionPath, readDefinitionFile } from '@gitway/core';
import type { Context } from '../context.js';

/** Absolute path of the working definition (repo config gitway.definition, relative to ctx.dir). */
export async function workingDefinitionPath(ctx: Context): Promise<string> {
  return path.resolve(ctx.dir, await getDefinitionPath(ctx));
}

/** Reads and parses a definition file (default: the working definition); `source` feeds recordDefinitionTree. */
export async function readDefinition(ctx: Context, file?: string): Promise<{ api: Api; file: string; text: string; source: DefinitionSource }> {
  const abs = file ? path.resolve(ctx.cwd, file) : await workingDefinitionPath(ctx);
  const { api, text, source } = await readDefinitionFile({ ...ctx, filepath: abs, filename: path.relative(ctx.cwd, abs) || abs });
  return { api, file: abs, text, source };
}
