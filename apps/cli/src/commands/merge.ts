import path from 'node:path';
import type { MergeConflict, WorktreeMergeResult } from '@gitway/core';
import { Errors, abortMergeWorktree, continueMergeWorktree, mergeWorktree } from '@gitway/core';
import { shortValue, shortId } from '@gitway/core/internal';
import type { Context, Output } from '../context.js';

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

const rel = (ctx: Context, file: string) => path.relative(ctx.cwd, file) || file;

function conflictOutput(ctx: Context, err: InstanceType<typeof Errors.MergeConflictError>, args: Args): Output {
  const c = ctx.color;
  const conflicts = err.data.conflicts as MergeConflict[];
  const file = err.data.file as string | undefined;
  const lines = conflicts.map((k) =>
    k.field
      ? `${c.red('CONFLICT')} ${c.bold(k.path)} ${k.field}: base ${shortValue(k.base)}, ours ${c.green(shortValue(k.ours))}, theirs ${c.red(shortValue(k.theirs))}`
      : `${c.red('CONFLICT')} ${c.bold(k.path)}: ${k.ours === undefined ? 'deleted in ours' : 'modified in ours'}, ${k.theirs === undefined ? 'deleted in theirs' : 'modified in theirs'}`,
  );
  if (file) {
    const then = args.stage ? ` (it will point stage ${args.stage} at the merge)` : '';
    lines.push('', `Automatic merge failed; ${rel(ctx, file)} holds the merge with ours at each conflict. Fix it, then 'gitway merge --continue'${then} (or --abort).`);
  } else lines.push('', 'Automatic merge failed; nothing was changed.');
  return { json: { status: 'conflict', conflicts: conflicts.map(({ fieldPath: _f, ...k }) => k) }, text: lines.join('\n'), exitCode: 1 };
}

function done(ctx: Context, r: WorktreeMergeResult): Output {
  const c = ctx.color;
  const head =
    r.status === 'up-to-date' ? 'Already up to date.'
    : r.status === 'fast-forward' ? `Fast-forward ${r.branch} ${shortId(r.ours ?? undefined)}..${c.yellow(shortId(r.id))}`
    : `[${r.branch} ${c.yellow(shortId(r.id))}] ${r.description ?? ''}`;
  const lines = [head];
  const stageName = r.stage?.stage.stageName ?? null;
  if (r.stage) lines.push(`stage ${c.cyan(stageName!)} ${r.stage.created ? 'created at' : '->'} ${c.yellow(shortId(r.id))}`);
  if (r.file && r.restored) lines.push(c.dim(`wrote ${rel(ctx, r.file)}`));
  return {
    json: { status: r.status, id: r.id, branch: r.branch, parents: r.status === 'merged' ? [r.ours, r.theirs] : undefined, bases: r.bases, stage: stageName },
    text: lines.join('\n'),
  };
}

export default async function (ctx: Context, args: Args): Promise<Output> {
  if (args.abort) {
    const r = await abortMergeWorktree(ctx);
    return { json: { status: 'aborted', id: r.ours }, text: `Merge of '${r.theirsName}' aborted${r.file ? `; restored ${rel(ctx, r.file)}` : ''}.` };
  }
  if (args.continue) return done(ctx, await continueMergeWorktree({ ...ctx, message: args.message, stageName: args.stage, deploy: args.deploy }));
  try {
    const r = await mergeWorktree({
      ...ctx,
      theirs: args.branch!,
      ours: args.into,
      message: args.message,
      fastForward: args.ff === false ? 'never' : 'auto',
      stageName: args.stage,
      deploy: args.deploy,
    });
    return done(ctx, r);
  } catch (err) {
    if (err instanceof Errors.MergeConflictError) return conflictOutput(ctx, err, args);
    throw err;
  }
}
