import { currentBranch, pull, readDeployment } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { describeSkipped, describeUpdates, transferOptions } from './remote.js';
import { undeployedChanges, writeWorking } from '../utils/working.js';
import { shortId } from '@gitway/core/internal';

export default async function (ctx: Context, args: { remote: string }): Promise<Output> {
  // Like git pull: when the current branch moves, the working definition follows it,
  // unless it holds undeployed changes (then it is left alone and the user is told).
  const before = await undeployedChanges(ctx).catch(() => null);
  const t = await transferOptions(ctx, 'pull');
  try {
    const r = await pull({ ...ctx, ...t, remote: args.remote });
    const diverged = r.updates.filter((u) => u.status === 'diverged');
    const notes: string[] = [];
    if (diverged.length) {
      notes.push(
        `${diverged.length} ref(s) diverged (moved here and on ${args.remote}) and were left as they are; compare them with the remote-tracking refs, then push --force or redo the change`,
      );
    }
    const branch = await currentBranch(ctx);
    const moved = r.updates.find((u) => u.ref === `refs/heads/${branch.name}` && (u.status === 'fast-forward' || u.status === 'created' || u.status === 'forced'));
    let workingUpdated = false;
    if (moved && branch.id) {
      if (before && before.count > 0) {
        notes.push(`the working definition has ${before.count} undeployed change(s) and was left as it is (gitway switch ${branch.name} --force takes the pulled API)`);
      } else {
        const file = await writeWorking(ctx, (await readDeployment({ ...ctx, rev: branch.id })).api);
        notes.push(`updated ${file} to ${branch.name} (${shortId(branch.id)})`);
        workingUpdated = true;
      }
    }
    return {
      json: { remote: args.remote, url: r.url, fetched: r.fetched, updates: r.updates, skipped: r.skipped, workingDefinitionUpdated: workingUpdated },
      text: `From ${r.url}\n${describeUpdates(ctx, r.updates)}${describeSkipped(ctx, r.skipped)}${notes.map((n) => `\n${n}`).join('')}`,
      exitCode: diverged.length ? 1 : 0,
    };
  } finally {
    t.stop();
  }
}
