import { isoGit } from '../utils/isoGit.js';
import type { RepoOptions } from '../models/FsClient.js';
import { _assertRepo } from '../commands/_repo.js';
import { AlreadyExistsError } from '../errors/AlreadyExistsError.js';
import { assertRemoteName } from './remoteConfig.js';
import { fetchRefspecs } from './syncedRefs.js';
import { assertRemoteUrl } from './remoteUrl.js';
import { redactUrl } from './redactUrl.js';

/**
 * Records a remote (any git URL: https, ssh, `git@host:path`, file://, a local path) in
 * the repository's config, with refspecs for
 * branches and stages so native `git fetch <remote>` fills the same remote-tracking
 * refs. Credentials in the URL are stored (as git does) but never printed.
 *
 * @example
 * await addRemote({ fs, gitdir, remote: 'origin', url: 'https://git.example.com/petstore.git' });
 * await addRemote({ fs, gitdir, remote: 'backup', url: '/srv/git/petstore.git' });
 */
export async function addRemote(opts: RepoOptions & { remote: string; url: string; force?: boolean }): Promise<{ remote: string; url: string }> {
  await _assertRepo(opts);
  assertRemoteName(opts.remote);
  assertRemoteUrl(opts.url);
  const existing = await (await isoGit()).getConfig({ fs: opts.fs, gitdir: opts.gitdir, path: `remote.${opts.remote}.url` });
  if (existing !== undefined && !opts.force) {
    throw new AlreadyExistsError(`remote '${opts.remote}' already exists`, { what: 'remote', name: opts.remote });
  }
  await (await isoGit()).setConfig({ fs: opts.fs, gitdir: opts.gitdir, path: `remote.${opts.remote}.url`, value: opts.url });
  for (const [i, spec] of fetchRefspecs(opts.remote).entries()) {
    await (await isoGit()).setConfig({ fs: opts.fs, gitdir: opts.gitdir, path: `remote.${opts.remote}.fetch`, value: spec, append: i > 0 });
  }
  return { remote: opts.remote, url: redactUrl(opts.url) };
}
