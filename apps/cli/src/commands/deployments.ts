import { deleteDeployment, listDeployments, updateDeployment } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { table } from '../utils/format.js';
import { shortId } from '@gitway/core/internal';

interface Args {
  _: string[];
  id?: string;
  all?: boolean;
  description?: string;
  maxCount?: number;
}

export default async function (ctx: Context, args: Args): Promise<Output> {
  const sub = String(args._[1]);
  if (sub === 'delete') {
    const { id } = await deleteDeployment({ ...ctx, deploymentId: args.id! });
    return { json: {}, text: `deleted deployment ${ctx.color.yellow(shortId(id))} (still in the history; hidden from log)` };
  }
  if (sub === 'update') {
    const d = await updateDeployment({
      ...ctx,
      deploymentId: args.id!,
      patchOperations: [args.description ? { op: 'replace', path: '/description', value: args.description } : { op: 'remove', path: '/description' }],
    });
    return { json: d, text: `deployment ${ctx.color.yellow(shortId(d.id))}: ${d.description ?? '(no description)'}` };
  }
  const items = await listDeployments({ ...ctx, includeDeleted: args.all, limit: args.maxCount });
  const c = ctx.color;
  const rows = items.map((d) => [c.yellow(shortId(d.id)), d.createdDate.replace('T', ' ').replace(/\.\d+Z$/, 'Z'), (d.deleted ? c.dim('(deleted) ') : '') + ((d.description ?? '').split('\n')[0] || '(no description)')]);
  return {
    json: { items: items.map((d) => ({ id: d.id, description: d.description, createdDate: d.createdDate, ...(d.deleted ? { deleted: true } : {}) })) },
    text: items.length ? table(rows) : 'no deployments',
  };
}
