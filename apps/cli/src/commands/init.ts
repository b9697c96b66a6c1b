import path from 'node:path';
import { init } from '@gitway/core';
import type { Context, Output } from '../context.js';

export default async function (ctx: Context, args: { definition: string; initialBranch: string }): Promise<Output> {
  const { assertBranchName } = await import('@gitway/core');
  assertBranchName(args.initialBranch);
  const { created } = await init({ ...ctx, definition: args.definition, defaultBranch: args.initialBranch });
  const where = path.relative(ctx.cwd, ctx.gitdir) || ctx.gitdir;
  return {
    json: { gitdir: ctx.gitdir, definition: path.resolve(ctx.dir, args.definition), created },
    text: `${created ? 'Initialized empty' : 'Reinitialized existing'} gitway repository in ${where}/ (working definition: ${args.definition})`,
  };
}
