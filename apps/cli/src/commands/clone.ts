import fs from 'node:fs';
import path from 'node:path';
import { cloneWorktree } from '@gitway/core';
import { redactUrl } from '@gitway/core/internal';
import type { Context, Output } from '../context.js';
import { absoluteRemoteUrl, describeSkipped, describeUpdates, transferOptions } from './remote.js';

function defaultDir(url: string): string {
  const base = redactUrl(url).replace(/[?#].*$/, '').replace(/\/+$/, '').split(/[/:]/).pop() ?? '';
  return base.replace(/\.git$/, '') || 'gitway-repo';
}

export default async function (ctx: Context, args: { url: string; dir?: string }): Promise<Output> {
  const dir = path.resolve(ctx.cwd, args.dir ?? defaultDir(args.url));
  const gitdir = path.join(dir, '.gitway');
  const existed = await ctx.fs.promises.stat(dir).then(() => true, () => false);
  const t = await transferOptions(ctx, 'clone');
  let result;
  try {
    result = await cloneWorktree({ ...ctx, ...t, gitdir, dir, cache: {}, url: absoluteRemoteUrl(ctx, args.url) });
  } catch (err) {
    if (!existed) fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  } finally {
    t.stop();
  }
  const file = result.file ? path.relative(ctx.cwd, result.file) || result.file : null;
  return {
    json: { gitdir, url: result.url, definition: result.file, updates: result.updates, skipped: result.skipped },
    text: `Cloned ${result.url} into ${path.relative(ctx.cwd, dir) || dir}${file ? `; wrote ${file}` : ''}\n${describeUpdates(ctx, result.updates)}${describeSkipped(ctx, result.skipped)}`,
  };
}
