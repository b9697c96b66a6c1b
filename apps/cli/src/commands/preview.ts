import fs from 'node:fs';
import path from 'node:path';
import { Errors, getStages } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { loadHandlers } from '../utils/loadHandlers.js';
import { UsageError } from '../cli.js';

interface Args {
  port: number;
  host: string;
  handlers?: string;
  accessLog: boolean;
  apiKey?: string[];
  executionLog?: string;
  dashboardToken?: string;
  allowedHost?: string[];
  blockedLimit: number;
}

/** Runs until SIGINT/SIGTERM; resolves with a summary when the server closes. */
export default async function (ctx: Context, args: Args): Promise<Output> {
  const { createPreviewServer, storeLoader, isExposedBind } = await import('@gitway/preview');
  if (!(args.blockedLimit >= 0)) throw new UsageError(`--blocked-limit must be a number of milliseconds (0 = no worker threads), not ${String(args.blockedLimit)}`);
  const dashboardToken = args.dashboardToken ?? (ctx.env.GITWAY_DASHBOARD_TOKEN || undefined);
  const exposed = isExposedBind(args.host);
  const handlers = args.handlers ? await loadHandlers(ctx, args.handlers) : undefined;
  const log = (line: string) => {
    if (!ctx.quiet) process.stderr.write(line.endsWith('\n') ? line : line + '\n');
  };
  const executionLog = args.executionLog ? appendTo(ctx, args.executionLog) : log;
  const server = await createPreviewServer({
    loadStage: storeLoader({ gitdir: ctx.gitdir, log }),
    repo: { fs: ctx.fs, gitdir: ctx.gitdir, author: ctx.author, now: ctx.now, timezoneOffset: ctx.timezoneOffset },
    host: args.host,
    port: args.port,
    handlers,
    apiKeys: args.apiKey,
    dashboardToken,
    allowedHosts: args.allowedHost,
    log: args.accessLog ? log : undefined,
    executionLog,
    isolation: args.blockedLimit > 0 ? { blockedLimitMs: args.blockedLimit } : false,
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : args.port;
  const base = `http://${args.host.includes(':') ? `[${args.host}]` : args.host}:${port}`;
  const stages = await getStages(ctx);
  const dashboard = `${base}/_gitway/`;
  const dashboardLine = !exposed ? dashboard : dashboardToken ? `${dashboard}?token=${encodeURIComponent(dashboardToken)}` : 'off on this address (start with --dashboard-token TOKEN to serve it)';
  const lines = [`gitway preview listening on ${base}`, `  dashboard    ${dashboardLine}`];
  if (exposed) {
    process.stderr.write(
      `warning: gitway preview is bound to ${args.host}, not loopback: every stage is reachable from the network` +
        (dashboardToken ? '; the dashboard requires the token\n' : '; the dashboard is off (give --dashboard-token to serve it)\n'),
    );
  }
  for (const s of stages) lines.push(`  ${ctx.color.cyan(s.stageName.padEnd(12))} ${base}/${s.stageName}/`);
  if (stages.length === 0) lines.push('  (no stages yet: gitway stage create NAME --deployment REV; new stages are served as soon as they exist)');
  if (ctx.json) process.stdout.write(JSON.stringify({ url: base, port, dashboard, stages: stages.map((s) => ({ stageName: s.stageName, url: `${base}/${s.stageName}/` })) }) + '\n');
  else if (!ctx.quiet) process.stdout.write(lines.join('\n') + '\n');
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return { text: '' };
}

/** Appends lines to FILE (opened once, before serving, so a bad path fails at start). */
function appendTo(ctx: Context, file: string): (line: string) => void {
  const abs = path.resolve(ctx.cwd, file);
  let fd: number;
  try {
    fd = fs.openSync(abs, 'a');
  } catch (err) {
    throw new Errors.NotFoundError(`cannot open --execution-log file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { what: 'file', name: abs });
  }
  return (line) => fs.writeSync(fd, line.endsWith('\n') ? line : line + '\n');
}
