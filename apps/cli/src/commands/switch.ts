import path from 'node:path';
import { switchWorktree } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { shortId } from '@gitway/core/internal';

export default async function (ctx: Context, args: { name: string; create?: boolean; force?: boolean }): Promise<Output> {
  const r = await switchWorktree({ ...ctx, name: args.name, create: args.create, force: args.force });
  const file = r.file ? path.relative(ctx.cwd, r.file) || r.file : null;
  const c = ctx.color;
  return {
    json: { branch: r.branch, id: r.id, created: !!args.create, file, restored: r.restored },
    text: `${args.create ? 'Switched to a new branch' : 'Switched to branch'} '${c.green(r.branch)}'${r.id ? ` at ${c.yellow(shortId(r.id))}` : ''}${file ? `; wrote ${file}` : ''}`,
  };
}
