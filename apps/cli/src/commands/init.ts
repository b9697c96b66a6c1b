import path from 'node:path';
import { init } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { UsageError } from '../cli.js';

export default async function (ctx: Context, args: { definition?: string; initialBranch: string }): Promise<Output> {
  const { assertBranchName, findDefinition } = await import('@gitway/core');
  assertBranchName(args.initialBranch);
  let definition = args.definition;
  let found = false;
  if (definition === undefined) {
    try {
      ({ definition, found } = await findDefinition({ fs: ctx.fs, dir: ctx.dir }));
    } catch (err) {
      const candidates = (err as { data?: { candidates?: string[] } }).data?.candidates;
      if (!candidates) throw err;
      throw new UsageError(`several API definitions here (${candidates.join(', ')}): choose one with --definition FILE`);
    }
  }
  const { created } = await init({ ...ctx, definition, defaultBranch: args.initialBranch });
  const where = path.relative(ctx.cwd, ctx.gitdir) || ctx.gitdir;
  const note = found && definition !== 'api.yaml' ? `, found in ${path.relative(ctx.cwd, ctx.dir) || '.'}` : '';
  return {
    json: { gitdir: ctx.gitdir, definition: path.resolve(ctx.dir, definition), created },
    text: `${created ? 'Initialized empty' : 'Reinitialized existing'} gitway repository in ${where}/ (working definition: ${definition}${note})`,
  };
}
