import { isoGit } from '../utils/isoGit.js';
import type { RepoOptions } from '../models/FsClient.js';
import { _assertRepo } from '../commands/_repo.js';
import { deleteRef, listRefs } from '../storage/refs.js';
import { assertRemoteName, remoteUrl } from './remoteConfig.js';

/**
 * Forgets a remote: its config section and its remote-tracking refs
 * (refs/remotes/<remote>/*, refs/remote-stages/<remote>/*). Local branches and stages stay.
 *
 * @example
 * await removeRemote({ fs, gitdir, remote: 'origin' });
 */
export async function removeRemote(opts: RepoOptions & { remote: string }): Promise<void> {
  await _assertRepo(opts);
  assertRemoteName(opts.remote);
  await remoteUrl(opts, opts.remote);
  await (await isoGit()).deleteRemote({ fs: opts.fs, gitdir: opts.gitdir, remote: opts.remote });
  for (const prefix of [`refs/remotes/${opts.remote}/`, `refs/remote-stages/${opts.remote}/`]) {
    for (const ref of (await listRefs(opts, prefix)).keys()) await deleteRef(opts, ref);
  }
}
