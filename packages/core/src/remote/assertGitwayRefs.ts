import type { RepoOptions } from '../models/FsClient.js';
import { readCommit, readTree } from '../storage/readObjects.js';
import { hasObject } from '../storage/hasObject.js';
import { NotAGitwayRemoteError } from './errors/NotAGitwayRemoteError.js';

/** Keeps the refs gitway syncs: branches and stages. */
export function gitwayRefs(refs: Map<string, string>): Map<string, string> {
  return new Map([...refs].filter(([name]) => name.startsWith('refs/heads/') || name.startsWith('refs/stages/')));
}

/**
 * What makes a remote a gitway repository: every branch tip is a deployment (its tree
 * has api.json) and every refs/stages/* tip a stage commit (stage.json). Tips not
 * present locally are skipped when `onlyLocal` (push checks before sending anything).
 */
export async function assertGitwayRefs(opts: RepoOptions, refs: Map<string, string>, url: string, onlyLocal = false): Promise<void> {
  const cache = (opts.cache ?? {}) as Record<string, unknown>;
  for (const [name, oid] of gitwayRefs(refs)) {
    if (onlyLocal && !(await hasObject(opts.fs, opts.gitdir, oid, cache))) continue;
    const want = name.startsWith('refs/stages/') ? 'stage.json' : 'api.json';
    let ok = false;
    try {
      ok = (await readTree(opts, (await readCommit(opts, oid)).tree)).some((e) => e.path === want);
    } catch {
      ok = false;
    }
    if (!ok) {
      const what = want === 'api.json' ? 'a deployment' : 'a stage commit';
      throw new NotAGitwayRemoteError(`not a gitway repository: ${url} (${name} is not ${what})`, { url, reason: 'content', ref: name });
    }
  }
}
