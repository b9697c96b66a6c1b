import { fetch } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { describeUpdates, transferOptions } from './remote.js';

export default async function (ctx: Context, args: { remote: string }): Promise<Output> {
  const t = await transferOptions(ctx, 'fetch');
  try {
    const r = await fetch({ ...ctx, ...t, remote: args.remote });
    return { json: { remote: args.remote, url: r.url, updates: r.updates }, text: `From ${r.url}\n${describeUpdates(ctx, r.updates)}` };
  } finally {
    t.stop();
  }
}
