import { readDeployment } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { table } from '../utils/format.js';

export default async function (ctx: Context, args: { rev: string }): Promise<Output> {
  const d = await readDeployment({ ...ctx, rev: args.rev });
  const c = ctx.color;
  const routes: string[][] = [];
  for (const resource of Object.values(d.api.resources).sort((a, b) => (a.path < b.path ? -1 : 1))) {
    for (const [method, m] of Object.entries(resource.resourceMethods)) {
      const i = m?.methodIntegration;
      routes.push([c.bold(method), resource.path, i ? `${i.type}${i.uri ? ' ' + i.uri : ''}` : '-']);
    }
  }
  const text = [
    `${c.yellow(`deployment ${d.id}`)}`,
    `Author: ${d.author.name} <${d.author.email}>`,
    `Date:   ${d.createdDate}`,
    ...(d.deleted ? [c.dim('Note:   this deployment was deleted (gitway deployments delete); it is kept in the history')] : []),
    '',
    `    ${d.description || '(no description)'}`,
    '',
    `API ${d.api.restApi.name}${d.api.restApi.version ? ' ' + d.api.restApi.version : ''}: ${routes.length} method(s), ${Object.keys(d.api.models).length} model(s)`,
    table(routes.map((r) => ['  ' + r[0], ...r.slice(1)])),
  ].join('\n');
  return {
    json: { id: d.id, description: d.description, createdDate: d.createdDate, parents: d.parents, author: d.author, ...(d.deleted ? { deleted: true } : {}), api: d.api },
    text,
  };
}
