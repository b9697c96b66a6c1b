import { isoGit } from '../utils/isoGit.js';
import type { RepoOptions } from '../models/FsClient.js';
import { _assertRepo } from '../commands/_repo.js';
import { redactUrl } from './redactUrl.js';

/**
 * The configured remotes, sorted by name; URLs have their credentials stripped.
 *
 * @example
 * for (const { remote, url } of await listRemotes({ fs, gitdir })) console.log(remote, url);
 */
export async function listRemotes(opts: RepoOptions): Promise<{ remote: string; url: string }[]> {
  await _assertRepo(opts);
  const remotes = await (await isoGit()).listRemotes({ fs: opts.fs, gitdir: opts.gitdir });
  return remotes.map((r) => ({ remote: r.remote, url: redactUrl(r.url) })).sort((a, b) => (a.remote < b.remote ? -1 : a.remote > b.remote ? 1 : 0));
}
