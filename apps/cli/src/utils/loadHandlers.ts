import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Errors } from '@gitway/core';
import type { Context } from '../context.js';

/** Imports a `--handlers` module: its default export maps Lambda function names/ARNs to local functions. */
export async function loadHandlers(ctx: Context, file: string): Promise<Record<string, any>> {
  const abs = path.resolve(ctx.cwd, file);
  try {
    const mod = await import(pathToFileURL(abs).href);
    const handlers = mod.default ?? mod;
    if (typeof handlers !== 'object' || handlers === null) throw new Error('its default export is not an object');
    return handlers;
  } catch (err) {
    throw new Errors.NotFoundError(`cannot load handlers module ${file}: ${(err as Error).message.split('\n')[0]}`, { what: 'file', name: abs });
  }
}
