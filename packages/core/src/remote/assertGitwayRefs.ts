import type { RepoOptions } from '../models/FsClient.js';
import { readCommit, readTree } from '../storage/readObjects.js';
import { repoOf } from '../storage/Repo.js';
import { NotAGitwayRemoteError } from './errors/NotAGitwayRemoteError.js';
import { refNameProblem } from '../models/refName.js';
import { syncedRef } from './syncedRefs.js';

/** A ref a remote advertised that gitway refused to take; `reason` says which rule it breaks. */
export interface SkippedRef {
  ref: string;
  reason: string;
}

/**
 * Splits a remote's advertised refs into the ones gitway syncs (SYNCED_REFS: branches and
 * stages) and the ones it skips because their names break git's check-ref-format rules or
 * gitway's branch/stage rules (`refs/heads/../../x`, `refs/stages/HEAD`, control
 * characters...) or their id is not a full object id (git advertises a broken ref as
 * 000...). Other refs (tags) are ignored without a word, as they are never written. Of two
 * names where one is a directory of the other (`refs/heads/q`, `refs/heads/q/x`) the longer
 * is skipped.
 */
export function splitRemoteRefs(refs: Map<string, string>): { refs: Map<string, string>; skipped: SkippedRef[] } {
  const kept = new Map<string, string>();
  const skipped: SkippedRef[] = [];
  for (const [name, oid] of refs) {
    const synced = syncedRef(name);
    if (!synced) continue;
    const problem = refNameProblem(name) ?? synced.spec.nameProblem(synced.name);
    if (problem) skipped.push({ ref: name, reason: `invalid ref name: ${problem}` });
    else if (!/^[0-9a-f]{40}$/.test(oid) || /^0{40}$/.test(oid)) skipped.push({ ref: name, reason: 'not an object id' });
    else kept.set(name, oid);
  }
  // A real git server cannot hold both `q` and `q/x` (a file and a directory); a lying one can.
  for (const name of [...kept.keys()]) {
    const parts = name.split('/');
    for (let i = 3; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (kept.has(prefix)) {
        kept.delete(name);
        skipped.push({ ref: name, reason: `conflicts with ${prefix}` });
        break;
      }
    }
  }
  return { refs: kept, skipped };
}

/** Keeps the refs gitway syncs (SYNCED_REFS) with valid names. */
export function gitwayRefs(refs: Map<string, string>): Map<string, string> {
  return splitRemoteRefs(refs).refs;
}

/**
 * What makes a remote a gitway repository: every branch tip is a deployment (its tree
 * has api.json) and every refs/stages/* tip a stage commit (stage.json), as SYNCED_REFS
 * says (`tipFile`). Tips not
 * present locally are skipped when `onlyLocal` (push checks before sending anything).
 */
export async function assertGitwayRefs(opts: RepoOptions, refs: Map<string, string>, url: string, onlyLocal = false): Promise<void> {
  for (const [name, oid] of gitwayRefs(refs)) {
    if (onlyLocal && !(await repoOf(opts).has(oid))) continue;
    const want = syncedRef(name)!.spec.tipFile;
    if (!want) continue;
    let ok = false;
    try {
      ok = (await readTree(opts, (await readCommit(opts, oid)).tree)).some((e) => e.path === want);
    } catch {
      ok = false;
    }
    if (!ok) {
      const what = want === 'api.json' ? 'a deployment' : want === 'stage.json' ? 'a stage commit' : `a commit with ${want}`;
      throw new NotAGitwayRemoteError(`not a gitway repository: ${url} (${name} is not ${what})`, { url, reason: 'content', ref: name });
    }
  }
}
