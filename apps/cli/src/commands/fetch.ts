import { fetch } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { describeSkipped, describeUpdates, transferOptions } from './remote.js';

export default async function (ctx: Context, args: { remote: string }): Promise<Output> {
  const t = await transferOptions(ctx, 'fetch');
  try {
    const r = await fetch({ ...ctx, ...t, remote: args.remote });
    return { json: { remote: args.remote, url: r.url, updates: r.updates, skipped: r.skipped }, text: `From ${r.url}\n${describeUpdates(ctx, r.updates)}${describeSkipped(ctx, r.skipped)}` };
  } finally {
    t.stop();
  }
}
