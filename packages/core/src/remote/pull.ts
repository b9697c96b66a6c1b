import type { RemoteSyncOptions } from './types.js';
import { _assertRepo } from '../commands/_repo.js';
import { assertRemoteName } from './remoteConfig.js';
import { _pull, type PullResult } from './_pull.js';

export type { PullResult };

/**
 * Fetches, then fast-forwards local branches and stages the remote moved ahead (and
 * creates the ones only the remote has). A branch or stage both sides moved is
 * reported `diverged` and left as it is: nothing is merged or guessed.
 *
 * @example
 * const { updates } = await pull({ fs, gitdir, remote: 'origin' });
 * for (const u of updates) if (u.status === 'diverged') console.warn(`${u.ref} diverged`);
 */
export async function pull(opts: RemoteSyncOptions): Promise<PullResult> {
  await _assertRepo(opts);
  const remote = opts.remote ?? 'origin';
  assertRemoteName(remote);
  return _pull({ ...opts, remote });
}
