import { push } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { describeUpdates, transferOptions } from './remote.js';

export default async function (ctx: Context, args: { remote: string; stage?: string | string[]; all?: boolean; force?: boolean }): Promise<Output> {
  const t = await transferOptions(ctx, 'push');
  try {
    const r = await push({ ...ctx, ...t, remote: args.remote, stages: args.stage === undefined ? undefined : ([] as string[]).concat(args.stage), all: args.all, force: args.force });
    const moved = r.updates.some((u) => u.status !== 'up-to-date');
    return {
      json: { remote: args.remote, url: r.url, updates: r.updates },
      text: `To ${r.url}\n${describeUpdates(ctx, r.updates)}${moved ? '' : '\nEverything up-to-date'}`,
    };
  } finally {
    t.stop();
  }
}
