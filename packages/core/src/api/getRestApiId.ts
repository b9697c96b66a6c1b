import { randomInt } from 'node:crypto';
import type { RepoOptions } from '../models/FsClient.js';
import { _assertRepo } from '../commands/_repo.js';
import { isoGit } from '../utils/isoGit.js';
import { readConfigValue } from '../storage/readConfig.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const REST_API_ID = /^[a-z0-9]{10}$/;

/**
 * The repository's REST API id (API Gateway's `restApiId`: 10 characters `[a-z0-9]`),
 * kept in the repository config as `gitway.restApiId`. Created on the first call when
 * missing, from `random` (an integer source `random(n)` in `0..n-1`; default
 * node:crypto's `randomInt`), so the same repository always answers the same id.
 *
 * @example
 * const id = await getRestApiId({ fs, gitdir }); // "a1b2c3d4e5"
 */
export async function getRestApiId(opts: RepoOptions & { random?: (n: number) => number }): Promise<string> {
  await _assertRepo(opts);
  const existing = await readConfigValue(opts, 'gitway.restApiId');
  if (existing !== undefined && REST_API_ID.test(existing)) return existing;
  const random = opts.random ?? ((n: number) => randomInt(n));
  let id = '';
  for (let i = 0; i < 10; i++) id += ALPHABET[random(ALPHABET.length)];
  await (await isoGit()).setConfig({ fs: opts.fs, gitdir: opts.gitdir, path: 'gitway.restApiId', value: id });
  return id;
}
