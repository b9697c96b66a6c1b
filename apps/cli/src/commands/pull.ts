import path from 'node:path';
import { pullWorktree } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { describeSkipped, describeUpdates, transferOptions } from './remote.js';
import { shortId } from '@gitway/core/internal';

export default async function (ctx: Context, args: { remote: string }): Promise<Output> {
  // Like git pull: when the current branch moves, the working definition follows it,
  // unless it holds undeployed changes (then it is left alone and the user is told).
  const t = await transferOptions(ctx, 'pull');
  try {
    const r = await pullWorktree({ ...ctx, ...t, remote: args.remote });
    const diverged = r.updates.filter((u) => u.status === 'diverged');
    const notes: string[] = [];
    if (diverged.length) {
      notes.push(
        `${diverged.length} ref(s) diverged (moved here and on ${args.remote}) and were left as they are; compare them with the remote-tracking refs, then push --force or redo the change`,
      );
    }
    const w = r.working;
    if (w.kept?.reason === 'undeployed') {
      notes.push(`the working definition has ${w.kept.changes} undeployed change(s) and was left as it is (gitway switch ${w.branch} --force takes the pulled API)`);
    } else if (w.kept?.reason === 'edited') {
      notes.push(`the working definition has edits to its text (comments or layout) that are not deployed and was left as it is (gitway deploy records them)`);
    } else if (w.kept?.reason === 'unreadable') {
      notes.push(`the working definition was left as it is: ${w.kept.error}`);
    } else if (w.updated && w.file) {
      notes.push(`updated ${path.relative(ctx.cwd, w.file) || w.file} to ${w.branch} (${shortId(w.id!)})`);
    }
    return {
      json: { remote: args.remote, url: r.url, fetched: r.fetched, updates: r.updates, skipped: r.skipped, workingDefinitionUpdated: w.updated },
      text: `From ${r.url}\n${describeUpdates(ctx, r.updates)}${describeSkipped(ctx, r.skipped)}${notes.map((n) => `\n${n}`).join('')}`,
      exitCode: diverged.length ? 1 : 0,
    };
  } finally {
    t.stop();
  }
}
