import { log } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { decorations } from '../utils/decorations.js';
import { shortId } from '@gitway/core/internal';

export default async function (ctx: Context, args: { rev?: string; maxCount?: number; oneline?: boolean }): Promise<Output> {
  const items = await log({ ...ctx, rev: args.rev, depth: args.maxCount });
  const deco = await decorations(ctx);
  const c = ctx.color;
  const text = items
    .map((d) => {
      const names = deco.get(d.id);
      const tag = names ? ' ' + c.green(`(${names.join(', ')})`) : '';
      if (args.oneline) return `${c.yellow(shortId(d.id))}${tag} ${(d.description ?? '').split('\n')[0]}`;
      return [
        `${c.yellow(`deployment ${d.id}`)}${tag}`,
        ...(d.parents.length > 1 ? [`Merge: ${d.parents.map(shortId).join(' ')}`] : []),
        `Author: ${d.author.name} <${d.author.email}>`,
        `Date:   ${d.createdDate}`,
        '',
        ...(d.description ? d.description.split('\n').map((l) => `    ${l}`) : ['    (no description)']),
        '',
      ].join('\n');
    })
    .join('\n');
  return {
    json: { items: items.map((d) => ({ id: d.id, description: d.description, createdDate: d.createdDate })) },
    text: text || 'no deployments yet',
  };
}
