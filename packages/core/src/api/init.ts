import type { RepoOptions } from '../models/FsClient.js';
import { _assertRepo, _definitionPath, _init } from '../commands/_repo.js';

/**
 * Creates a gitway repository: a bare git repository (native git can read, push and
 * pull it) whose config records the working definition's file name. Calling it on an
 * existing repository changes nothing.
 *
 * @example
 * import fs from 'node:fs';
 * await init({ fs, gitdir: '/work/petstore/.gitway', definition: 'api.yaml' });
 */
export async function init(opts: RepoOptions & { definition?: string; defaultBranch?: string }): Promise<{ created: boolean }> {
  return _init(opts);
}

/**
 * The working definition's file name recorded in the repository config, relative to
 * the directory that holds the repository.
 *
 * @example
 * const file = await getDefinitionPath({ fs, gitdir }); // "api.yaml"
 */
export async function getDefinitionPath(opts: RepoOptions): Promise<string> {
  await _assertRepo(opts);
  return _definitionPath(opts);
}
