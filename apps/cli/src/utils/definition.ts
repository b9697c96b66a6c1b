import path from 'node:path';
import type { Api } from '@gitway/core';
import { Errors, parseDefinition, getDefinitionPath } from '@gitway/core';
import type { Context } from '../context.js';

/** Absolute path of the working definition (repo config gitway.definition, relative to ctx.dir). */
export async function workingDefinitionPath(ctx: Context): Promise<string> {
  return path.resolve(ctx.dir, await getDefinitionPath(ctx));
}

/** Reads and parses a definition file (default: the working definition). */
export async function readDefinition(ctx: Context, file?: string): Promise<{ api: Api; file: string; text: string }> {
  const abs = file ? path.resolve(ctx.cwd, file) : await workingDefinitionPath(ctx);
  let text: string;
  try {
    text = await ctx.fs.promises.readFile(abs, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new Errors.NotFoundError(
      code === 'ENOENT' ? `definition file not found: ${path.relative(ctx.cwd, abs) || abs}` : `cannot read ${abs}: ${code ?? String(err)}`,
      { what: 'file', name: abs },
    );
  }
  const api = await parseDefinition({ text, filename: path.relative(ctx.cwd, abs) || abs });
  return { api, file: abs, text };
}
