import { createBranch, deleteBranch, listBranches } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { table } from '../utils/format.js';
import { shortId } from '@gitway/core/internal';

export default async function (ctx: Context, args: { name?: string; start?: string; delete?: string; forceDelete?: string }): Promise<Output> {
  const c = ctx.color;
  const del = args.forceDelete ?? args.delete;
  if (del !== undefined) {
    const r = await deleteBranch({ ...ctx, name: del, force: args.forceDelete !== undefined });
    return { json: { deleted: r.name, id: r.id }, text: `Deleted branch ${r.name} (was ${c.yellow(shortId(r.id))}).` };
  }
  if (args.name !== undefined) {
    const b = await createBranch({ ...ctx, name: args.name, start: args.start });
    return { json: { name: b.name, id: b.id }, text: `Created branch ${c.green(b.name)} at ${c.yellow(shortId(b.id ?? undefined))}` };
  }
  const items = await listBranches(ctx);
  const rows = items.map((b) => [b.current ? c.green('*') : ' ', b.current ? c.green(b.name) : b.name, c.yellow(shortId(b.id ?? undefined))]);
  return { json: { items }, text: table(rows) };
}
