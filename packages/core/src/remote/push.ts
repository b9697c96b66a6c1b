import type { RemoteSyncOptions } from './types.js';
import { _assertRepo } from '../commands/_repo.js';
import { assertStageName } from '../models/names.js';
import { assertRemoteName } from './remoteConfig.js';
import { _push, type PushResult, type PushSelection } from './_push.js';

export type { PushResult, PushSelection };

/**
 * Pushes the current branch (and the stages named in `stages`; `all`: every branch and
 * stage) in one request. A remote branch or stage that is not an ancestor of what is
 * pushed — for a stage, also one that moved since the last fetch — is refused with
 * NonFastForwardError before anything is sent, unless `force`. A server-side refusal
 * (pre-receive hook) is PushRejectedError carrying the hook's message.
 *
 * @example
 * await push({ fs, gitdir, remote: 'origin', stages: ['prod'] });
 * await push({ fs, gitdir, all: true, force: true });
 */
export async function push(opts: RemoteSyncOptions & PushSelection): Promise<PushResult> {
  await _assertRepo(opts);
  const remote = opts.remote ?? 'origin';
  assertRemoteName(remote);
  for (const name of opts.stages ?? []) assertStageName(name);
  return _push({ ...opts, remote });
}
