import type { RemoteTransport } from '../transport.js';
import { createGitTransport, type GitTransportOptions } from './gitTransport.js';
import { spawnGit } from './spawnGit.js';
import { gitEnv } from './gitEnv.js';

/** Oldest git the transport works with (`fetch --no-write-fetch-head`). */
export const MIN_GIT_VERSION = [2, 29] as const;

/**
 * The native-git transport when a usable `git` (>= 2.29) is on PATH, else null (then
 * remotes go through the smart-HTTP client, http(s) only). Runs `git --version` once.
 *
 * @example
 * const transport = (await findGitTransport({ interactive: false })) ?? undefined;
 * await push({ fs, gitdir, remote: 'origin', transport });
 */
export async function findGitTransport(options: GitTransportOptions = {}): Promise<RemoteTransport | null> {
  const r = await (options.runGit ?? spawnGit)({
    args: ['--version'],
    env: gitEnv(options.env ?? process.env, false),
    idleTimeoutMs: 30_000,
    detached: true,
    maxStdoutBytes: 4096,
  });
  const m = /git version (\d+)\.(\d+)/.exec(r.stdout);
  if (r.code !== 0 || !m) return null;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  if (major < MIN_GIT_VERSION[0] || (major === MIN_GIT_VERSION[0] && minor < MIN_GIT_VERSION[1])) return null;
  return createGitTransport(options);
}
