import type { MergeConflict, MergeResult } from '@gitway/core';
import { Errors, abortMerge, continueMerge, currentBranch, getStages, merge, readDeployment, startMerge, updateStage, createStage } from '@gitway/core';
import { shortValue, shortId } from '@gitway/core/internal';
import type { Context, Output } from '../context.js';
import { readDefinition } from '../utils/definition.js';

import { undeployedChanges, writeWorking } from '../utils/working.js';

interface Args {
  branch?: string;
  into?: string;
  message?: string;
  deploy?: boolean;
  stage?: string;
  ff?: boolean;
  continue?: boolean;
  abort?: boolean;
}

async function pointStage(ctx: Context, stageName: string, id: string): Promise<void> {
  const exists = (await getStages(ctx)).some((s) => s.stageName === stageName);
  if (exists) await updateStage({ ...ctx, stageName, patchOperations: [{ op: 'replace', path: '/deploymentId', value: id }] });
  else await createStage({ ...ctx, stageName, deployment: id });
}

function conflictOutput(ctx: Context, err: InstanceType<typeof Errors.MergeConflictError>, file?: string): Output {
  const c = ctx.color;
  const conflicts = err.data.conflicts as MergeConflict[];
  const lines = conflicts.map((k) =>
    k.field
      ? `${c.red('CONFLICT')} ${c.bold(k.path)} ${k.field}: base ${shortValue(k.base)}, ours ${c.green(shortValue(k.ours))}, theirs ${c.red(shortValue(k.theirs))}`
      : `${c.red('CONFLICT')} ${c.bold(k.path)}: ${k.ours === undefined ? 'deleted in ours' : 'modified in ours'}, ${k.theirs === undefined ? 'deleted in theirs' : 'modified in theirs'}`,
  );
  if (file) lines.push('', `Automatic merge failed; ${file} holds the merge with ours at each conflict. Fix it, then 'gitway merge --continue' (or --abort).`);
  else lines.push('', 'Automatic merge failed; nothing was changed.');
  return { json: { status: 'conflict', conflicts: conflicts.map(({ fieldPath: _f, ...k }) => k) }, text: lines.join('\n'), exitCode: 1 };
}

async function done(ctx: Context, r: MergeResult, args: Args, writeTo: boolean): Promise<Output> {
  const c = ctx.color;
  const file = writeTo && r.status !== 'up-to-date' ? await writeWorking(ctx, (await readDeployment({ ...ctx, rev: r.id })).api) : undefined;
  if (args.stage) await pointStage(ctx, args.stage, r.id);
  const head =
    r.status === 'up-to-date' ? 'Already up to date.'
    : r.status === 'fast-forward' ? `Fast-forward ${r.branch} ${shortId(r.ours ?? undefined)}..${c.yellow(shortId(r.id))}`
    : `[${r.branch} ${c.yellow(shortId(r.id))}] ${r.description ?? ''}`;
  const lines = [head];
  if (args.stage) lines.push(`stage ${c.cyan(args.stage)} -> ${c.yellow(shortId(r.id))}`);
  if (file) lines.push(c.dim(`wrote ${file}`));
  return { json: { status: r.status, id: r.id, branch: r.branch, parents: r.status === 'merged' ? [r.ours, r.theirs] : undefined, bases: r.bases, stage: args.stage ?? null }, text: lines.join('\n') };
}

export default async function (ctx: Context, args: Args): Promise<Output> {
  if (args.abort) {
    const state = await abortMerge(ctx);
    const ours = state.ours || (await currentBranch(ctx)).id;
    const file = ours ? await writeWorking(ctx, (await readDeployment({ ...ctx, rev: ours })).api) : undefined;
    return { json: { status: 'aborted', id: ours }, text: `Merge of '${state.theirsName}' aborted${file ? `; restored ${file}` : ''}.` };
  }
  if (args.continue) {
    const { api } = await readDefinition(ctx);
    const r = await continueMerge({ ...ctx, api, message: args.message });
    return done(ctx, r, args, false);
  }
  const current = (await currentBranch(ctx)).name;
  const intoCurrent = args.into === undefined || args.into === current;
  const opts = { ...ctx, theirs: args.branch!, ours: args.into, message: args.message, fastForward: args.ff === false ? ('never' as const) : ('auto' as const) };
  if (!intoCurrent) {
    try {
      return await done(ctx, await merge(opts), args, false);
    } catch (err) {
      if (err instanceof Errors.MergeConflictError) return conflictOutput(ctx, err);
      throw err;
    }
  }
  const pending = await undeployedChanges(ctx);
  if (pending.count > 0) {
    throw new Errors.ConflictError(`the working definition has ${pending.count} undeployed change(s); deploy them (or switch --force) before merging`, { reason: 'undeployed' });
  }
  try {
    return await done(ctx, await startMerge(opts), args, true);
  } catch (err) {
    if (!(err instanceof Errors.MergeConflictError)) throw err;
    const file = await writeWorking(ctx, err.data.api as never);
    return conflictOutput(ctx, err, file);
  }
}
