import type { RepoOptions } from '../models/FsClient.js';
import { listRefs } from '../storage/refs.js';

/**
 * Refs under `prefix` ("refs/heads/", "refs/stages/"), loose and packed, as
 * [full name, oid] sorted by name.
 *
 * @example
 * for (const [ref, oid] of await listRefNames({ fs, gitdir, prefix: 'refs/heads/' })) console.log(ref, oid);
 */
export async function listRefNames(opts: RepoOptions & { prefix: string }): Promise<[string, string][]> {
  return [...(await listRefs(opts, opts.prefix))];
}
