import path from 'node:path';
import { addRemote, Errors, findGitTransport, httpTransport, listRemotes, remoteUrlKind, removeRemote, type RefUpdate, type RemoteAuthCallback, type RemoteSyncOptions, type SkippedRef } from '@gitway/core';
import { printableName, shortId, syncedRef } from '@gitway/core/internal';
import type { Context, Output } from '../context.js';
import { progressBar } from '../utils/progress.js';
import { table } from '../utils/format.js';

/**
 * Credentials from the environment, offered when the server asks (401): GITWAY_TOKEN
 * (as the basic-auth password; username GITWAY_USERNAME or "x-access-token"), else
 * GITWAY_USERNAME / GITWAY_PASSWORD. Credentials in the remote URL are sent as they are.
 */
export function authFromEnv(env: NodeJS.ProcessEnv): RemoteAuthCallback | undefined {
  if (env.GITWAY_TOKEN) return () => ({ username: env.GITWAY_USERNAME || 'x-access-token', password: env.GITWAY_TOKEN });
  if (env.GITWAY_USERNAME || env.GITWAY_PASSWORD) return () => ({ username: env.GITWAY_USERNAME ?? '', password: env.GITWAY_PASSWORD ?? '' });
  return undefined;
}

/** "512M", "2G", "1048576" -> bytes; undefined when unset. */
function parseBytes(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([KMG]?)i?B?$/i.exec(value.trim());
  if (!m || Number(m[1]) <= 0) throw new Errors.InvalidParameterError(`${name}='${value}' is not a size (bytes, or with K, M, G)`, { path: name, value });
  return Math.floor(Number(m[1]) * 1024 ** ' KMG'.indexOf((m[2] || ' ').toUpperCase()));
}

/**
 * Limits of a transfer from the environment: GITWAY_MAX_PACK_BYTES (largest pack accepted,
 * default 2G) and GITWAY_REMOTE_TIMEOUT (seconds of server silence before giving up,
 * default 600).
 */
export function limitsFromEnv(env: NodeJS.ProcessEnv): Pick<RemoteSyncOptions, 'maxPackBytes' | 'timeoutMs'> {
  const timeout = env.GITWAY_REMOTE_TIMEOUT;
  if (timeout !== undefined && timeout !== '' && !(Number(timeout) > 0)) {
    throw new Errors.InvalidParameterError(`GITWAY_REMOTE_TIMEOUT='${timeout}' is not a number of seconds`, { path: 'GITWAY_REMOTE_TIMEOUT', value: timeout });
  }
  return {
    maxPackBytes: parseBytes('GITWAY_MAX_PACK_BYTES', env.GITWAY_MAX_PACK_BYTES),
    timeoutMs: timeout ? Number(timeout) * 1000 : undefined,
  };
}

/** Human lines for refs the remote advertised and gitway refused: "  skipped  refs/heads/a..b  (invalid ref name: contains '..')". */
export function describeSkipped(ctx: Context, skipped: SkippedRef[] | undefined): string {
  if (!skipped?.length) return '';
  return '\n' + table(skipped.map((s) => ['  ' + ctx.color.red('skipped'), printableName(s.ref), `(${s.reason})`]));
}

/**
 * How remotes are reached: native git when installed (any git URL, the user's ssh agent
 * and credential helpers; prompts only on a terminal), else gitway's smart-HTTP client.
 * GITWAY_TRANSPORT=git or http forces one.
 */
export async function transportFromEnv(ctx: Context): Promise<NonNullable<RemoteSyncOptions['transport']>> {
  const wanted = ctx.env.GITWAY_TRANSPORT ?? '';
  if (!['', 'auto', 'git', 'http'].includes(wanted)) {
    throw new Errors.InvalidParameterError(`GITWAY_TRANSPORT='${wanted}' is not one of git, http, auto`, { path: 'GITWAY_TRANSPORT', value: wanted });
  }
  if (wanted === 'http') return httpTransport;
  const git = await findGitTransport({ interactive: ctx.tty && !!process.stdin.isTTY, env: ctx.env, cwd: ctx.cwd });
  if (git) return git;
  if (wanted === 'git') throw new Errors.InvalidParameterError('GITWAY_TRANSPORT=git but no git (2.29 or later) was found on PATH', { path: 'GITWAY_TRANSPORT', value: wanted });
  return httpTransport;
}

/** A local-path remote as an absolute path (so it works from any directory); other URLs as given. */
export function absoluteRemoteUrl(ctx: Context, url: string): string {
  return typeof url === 'string' && url && remoteUrlKind(url) === 'path' && !url.startsWith('-') ? path.resolve(ctx.cwd, url) : url;
}

/** Transport, auth, limits and a progress bar (stderr on a TTY only) for a transfer; call stop() when done. */
export async function transferOptions(
  ctx: Context,
  label: string,
): Promise<Pick<RemoteSyncOptions, 'onAuth' | 'onProgress' | 'maxPackBytes' | 'timeoutMs' | 'transport'> & { stop(): void }> {
  const limits = limitsFromEnv(ctx.env);
  const transport = await transportFromEnv(ctx);
  const bar = await progressBar(ctx, label);
  return {
    ...limits,
    transport,
    onAuth: authFromEnv(ctx.env),
    onProgress: (e) => bar.update(e.loaded, Math.max(e.total ?? e.loaded, e.loaded, 1)),
    stop: () => bar.stop(),
  };
}

/** Human lines for ref movements: "  fast-forward  refs/stages/prod  3f9a2c71d0..8b1e0c2f44". */
export function describeUpdates(ctx: Context, updates: RefUpdate[]): string {
  const c = ctx.color;
  const paint = (s: RefUpdate['status']): string =>
    s === 'up-to-date' ? c.dim(s) : s === 'diverged' || s === 'rejected' || s === 'forced' ? c.red(s) : s === 'ahead' ? c.yellow(s) : c.green(s);
  // Records that travel with every push (source documents, AWS links) are one per deployment:
  // counted per kind and status, as git summarises tags, and left out when up to date.
  const recordKind = (ref: string): string | undefined => {
    const spec = syncedRef(ref)?.spec;
    return spec?.always ? spec.kind : undefined;
  };
  const counts = new Map<string, number>();
  for (const u of updates) {
    const kind = recordKind(u.ref);
    if (kind && u.status !== 'up-to-date') counts.set(`${u.status}\0${kind}`, (counts.get(`${u.status}\0${kind}`) ?? 0) + 1);
  }
  const rows = updates
    .filter((u) => !recordKind(u.ref))
    .map((u) => [
      '  ' + paint(u.status),
      u.ref,
      u.status === 'up-to-date' ? shortId(u.new ?? undefined) : `${shortId(u.old ?? undefined)}..${shortId(u.new ?? undefined)}`,
      u.theirs ? `(remote ${shortId(u.theirs)})` : '',
    ]);
  for (const [key, n] of counts) {
    const [status, kind] = key.split('\0') as [RefUpdate['status'], string];
    rows.push(['  ' + paint(status), `${n} ${kind}${n === 1 ? '' : 's'}`, '', '']);
  }
  return table(rows);
}

export default async function (ctx: Context, args: { _: string[]; name?: string; url?: string; force?: boolean }): Promise<Output> {
  const sub = String(args._[1]);
  if (sub === 'add') {
    const r = await addRemote({ ...ctx, remote: args.name!, url: absoluteRemoteUrl(ctx, args.url!), force: args.force });
    return { json: { name: r.remote, url: r.url }, text: `added remote ${ctx.color.cyan(r.remote)} ${r.url}` };
  }
  if (sub === 'remove') {
    await removeRemote({ ...ctx, remote: args.name! });
    return { json: {}, text: `removed remote ${args.name}` };
  }
  const remotes = await listRemotes(ctx);
  return {
    json: { items: remotes.map((r) => ({ name: r.remote, url: r.url })) },
    text: remotes.length ? table(remotes.map((r) => [ctx.color.cyan(r.remote), r.url])) : 'no remotes (add one with gitway remote add origin URL)',
  };
}
