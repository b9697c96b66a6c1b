import type { RemoteSyncOptions } from './types.js';
import { _assertRepo } from '../commands/_repo.js';
import { assertRemoteName } from './remoteConfig.js';
import { _fetch, type FetchResult } from './_fetch.js';

export type { FetchResult };

/**
 * Downloads the remote's deployments and stages (with their histories) and records
 * them as remote-tracking refs: `refs/remotes/<remote>/<branch>` and
 * `refs/remote-stages/<remote>/<stage>`. Local branches and stages do not move.
 * Errors: RemoteUnreachableError, AuthenticationError, NotAGitwayRemoteError,
 * TransferInterruptedError — each leaves the repository unchanged.
 *
 * @example
 * const { updates } = await fetch({ fs, gitdir, remote: 'origin', onAuth: () => ({ password: token }) });
 */
export async function fetch(opts: RemoteSyncOptions): Promise<FetchResult> {
  await _assertRepo(opts);
  const remote = opts.remote ?? 'origin';
  assertRemoteName(remote);
  return _fetch({ ...opts, remote });
}
