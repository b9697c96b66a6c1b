import path from 'node:path';
import { currentBranch, deploymentsBehind, getMergeState, getRestApiId, getStages, undeployedChanges } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { table } from '../utils/format.js';
import { shortId } from '@gitway/core/internal';

/** How far `deploymentId` is behind `tip` on its first-parent line (null: not on that line). */
async function behind(ctx: Context, tip: string | null, deploymentId: string): Promise<number | null> {
  return tip ? deploymentsBehind({ ...ctx, tip, id: deploymentId }) : null;
}

export default async function (ctx: Context): Promise<Output> {
  const c = ctx.color;
  const branch = await currentBranch(ctx);
  const pending = await undeployedChanges(ctx);
  const merging = await getMergeState(ctx);
  // The file undeployedChanges already resolved from the repository config, as the config names it.
  const definition = path.relative(ctx.dir, pending.file);
  const stages = [];
  for (const s of await getStages(ctx)) stages.push({ stageName: s.stageName, deploymentId: s.deploymentId, behind: await behind(ctx, branch.id, s.deploymentId) });
  const restApiId = await getRestApiId(ctx);
  const lines = [`On branch ${c.green(branch.name)}${branch.id ? ` at ${c.yellow(shortId(branch.id))}` : ' (no deployments yet)'}`, `REST API id ${c.cyan(restApiId)}`];
  if (merging) {
    lines.push(c.red(`Merging '${merging.theirsName}': ${merging.conflicts.length} conflict(s); resolve them, then 'gitway merge --continue' (or --abort)`));
    for (const k of merging.conflicts) lines.push(`  ${c.red('both changed')} ${k.path}${k.field ? ' ' + k.field : ''}`);
  }
  lines.push(!pending.exists ? c.dim(`no working definition (${definition})`) : pending.count ? c.yellow(`${pending.count} undeployed change(s) in the working definition ${definition} (gitway diff)`) : `working definition ${definition} matches the branch tip`);
  if (stages.length) {
    lines.push('', 'Stages:');
    const state = (b: number | null) => (b === 0 ? c.green('up to date') : b === null ? c.dim(`not on ${branch.name}`) : c.yellow(`${b} deployment(s) behind ${branch.name}`));
    lines.push(table(stages.map((s) => ['  ' + c.cyan(s.stageName), c.yellow(shortId(s.deploymentId)), state(s.behind)])));
  }
  return {
    json: { restApiId, branch: branch.name, id: branch.id, definition, undeployedChanges: pending.count, merge: merging ? { theirs: merging.theirs, branch: merging.theirsName, conflicts: merging.conflicts } : null, stages },
    text: lines.join('\n'),
  };
}
