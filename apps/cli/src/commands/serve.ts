import path from 'node:path';
import { Errors } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { loadHandlers } from '../utils/loadHandlers.js';

interface Args {
  root: string;
  port: number;
  host: string;
  credentials?: string;
  handlers?: string;
}

/** Runs until SIGINT/SIGTERM. */
export default async function (ctx: Context, args: Args): Promise<Output> {
  const { createServeServer, parseCredentials } = await import('@gitway/serve');
  let credentials;
  if (args.credentials !== undefined) {
    const file = path.resolve(ctx.cwd, args.credentials);
    const text = await ctx.fs.promises.readFile(file, 'utf8').catch((err: { code?: string }) => {
      throw new Errors.NotFoundError(`cannot read --credentials ${args.credentials}: ${err.code ?? err}`, { what: 'file', name: file });
    });
    credentials = parseCredentials(text, args.credentials);
  }
  const handlers = args.handlers ? await loadHandlers(ctx, args.handlers) : undefined;
  const log = (line: string) => {
    if (!ctx.quiet) process.stderr.write(line.endsWith('\n') ? line : line + '\n');
  };
  const server = await createServeServer({ root: path.resolve(ctx.cwd, args.root), host: args.host, port: args.port, credentials, handlers, log });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : args.port;
  const base = `http://${args.host.includes(':') ? `[${args.host}]` : args.host}:${port}`;
  const apis = server.registry.list().map((r) => ({ restApiId: r.restApiId, dir: r.dir }));
  const security = credentials
    ? `SigV4 signatures verified (${credentials.size} access key(s))`
    : 'no --credentials: any SigV4 signature is accepted (loopback only)';
  if (ctx.json) process.stdout.write(JSON.stringify({ url: base, port, apis, signatures: credentials ? 'verified' : 'accepted unverified' }) + '\n');
  else if (!ctx.quiet) {
    const lines = [`gitway serve listening on ${base}  (${security})`, `  aws apigateway get-rest-apis --endpoint-url ${base}`, `  APIs         ${base}/_gitway/`];
    for (const a of apis) lines.push(`  ${ctx.color.cyan(a.restApiId)}   ${path.relative(ctx.cwd, a.dir) || '.'}   ${base}/restapis/${a.restApiId}/<stage>/_user_request_/`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  if (!credentials) log(`warning: ${security}`);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return { text: '' };
}
