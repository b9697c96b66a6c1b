import { pull } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { describeUpdates, transferOptions } from './remote.js';

export default async function (ctx: Context, args: { remote: string }): Promise<Output> {
  const t = await transferOptions(ctx, 'pull');
  try {
    const r = await pull({ ...ctx, ...t, remote: args.remote });
    const diverged = r.updates.filter((u) => u.status === 'diverged');
    const hint = diverged.length
      ? `\n${diverged.length} ref(s) diverged (moved here and on ${args.remote}) and were left as they are; compare them with the remote-tracking refs, then push --force or redo the change`
      : '';
    return {
      json: { remote: args.remote, url: r.url, fetched: r.fetched, updates: r.updates },
      text: `From ${r.url}\n${describeUpdates(ctx, r.updates)}${hint}`,
      exitCode: diverged.length ? 1 : 0,
    };
  } finally {
    t.stop();
  }
}
