import { readConfigValue } from '../storage/readConfig.js';
import type { RepoOptions } from '../models/FsClient.js';
import { InvalidNameError } from '../errors/InvalidNameError.js';
import { NotFoundError } from '../errors/NotFoundError.js';

/** Remote names follow git's ref-name rules, kept simple: letters, digits, `._-`, no leading dot, no "..". */
export function assertRemoteName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/.test(name) || name.includes('..') || name.endsWith('.lock')) {
    throw new InvalidNameError(`invalid remote name '${String(name)}' (letters, digits, '.', '_', '-')`, { what: 'remote', name });
  }
}

/** The configured URL of `remote` (credentials included: never print it unredacted). */
export async function remoteUrl(opts: RepoOptions, remote: string): Promise<string> {
  const url = await readConfigValue(opts, `remote.${remote}.url`);
  if (!url) {
    throw new NotFoundError(`no such remote '${remote}' (add one with 'gitway remote add ${remote} URL')`, { what: 'remote', name: remote });
  }
  return url;
}
