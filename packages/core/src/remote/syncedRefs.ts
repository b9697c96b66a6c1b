import { branchNameProblem, stageNameProblem } from '../models/names.js';
import { refNameProblem } from '../models/refName.js';
import type { WriteOptions } from '../models/options.js';
import { AWS_DEPLOYMENTS_REF_PREFIX, restApiIdProblem, _mergeAwsDeployments } from '../api/awsDeployments.js';

/** One kind of ref gitway transfers to and from remotes. */
export interface SyncedRef {
  /** Remote ref namespace ("refs/heads/"), or one exact ref name when it does not end in '/'. */
  remote: string;
  /** Where a fetch records it locally, `{remote}` replaced by the remote's name. */
  tracking: string;
  /** Why the part of the name after `remote` is not acceptable, or null (checked on top of git's check-ref-format). */
  nameProblem: (name: string) => string | null;
  /** The file a tip's tree must hold for the remote to be a gitway repository (null: no check). */
  tipFile: string | null;
  /** What "loses nothing" means when the ref moves: 'ancestor' (git's rule) or 'first-parent' (a stage's history). */
  fastForward: 'ancestor' | 'first-parent';
  /** Words for messages: "branch", "stage". */
  kind: string;
  /** Pushed with every push (records that belong to the whole repository), not only when named. */
  always: boolean;
  /**
   * For records that only grow: how pull joins two diverged histories (a commit with both as
   * parents; returns the new local tip) instead of reporting the ref diverged.
   */
  join?: (opts: WriteOptions, ref: string, ours: string, theirs: string) => Promise<string>;
}

/**
 * Every ref gitway fetches and pushes, in one place: branches (deployments), stages
 * (stage commits), AWS deployment links and source records. Both transports (native git, smart HTTP), the refspecs written into
 * the config, tracking-ref names and name validation read this list, so syncing a new
 * ref (e.g. a notes ref of source documents) is one entry here.
 *
 * @example
 * SYNCED_REFS.map((r) => r.remote); // ['refs/heads/', 'refs/stages/', 'refs/gitway/aws/', 'refs/gitway/sources/']
 */
export const SYNCED_REFS: readonly SyncedRef[] = [
  { remote: 'refs/heads/', tracking: 'refs/remotes/{remote}/', nameProblem: branchNameProblem, tipFile: 'api.json', fastForward: 'ancestor', kind: 'branch', always: false },
  { remote: 'refs/stages/', tracking: 'refs/remote-stages/{remote}/', nameProblem: stageNameProblem, tipFile: 'stage.json', fastForward: 'first-parent', kind: 'stage', always: false },
  // Links from gitway deployments to API Gateway deployments (`gitway aws push|pull`, api/awsDeployments.ts).
  {
    remote: AWS_DEPLOYMENTS_REF_PREFIX, tracking: 'refs/remote-gitway/{remote}/aws/', tipFile: 'deployments.json', fastForward: 'ancestor', kind: 'AWS deployment record', always: true,
    nameProblem: (id) => (restApiIdProblem(id) ? 'is not refs/gitway/aws/<restApiId>' : null),
    join: _mergeAwsDeployments,
  },
  // The document each deployment was deployed from (worktree/sourceRecord.ts); no fixed file name.
  {
    remote: 'refs/gitway/sources/', tracking: 'refs/remote-gitway/{remote}/sources/', tipFile: null, fastForward: 'ancestor', kind: 'source record', always: true,
    nameProblem: (id) => (/^[0-9a-f]{40}$/.test(id) ? null : 'is not refs/gitway/sources/<deployment id>'),
  },
];

/** The entry of SYNCED_REFS `ref` belongs to (and the name after its namespace), or null when gitway does not sync it. */
export function syncedRef(ref: string): { spec: SyncedRef; name: string } | null {
  for (const spec of SYNCED_REFS) {
    if (spec.remote.endsWith('/') ? ref.startsWith(spec.remote) && ref.length > spec.remote.length : ref === spec.remote) {
      return { spec, name: ref.slice(spec.remote.endsWith('/') ? spec.remote.length : 0) };
    }
  }
  return null;
}

/**
 * Why a ref name advertised by a remote must not be written here: git's check-ref-format
 * rules, then the rules of the synced namespace it falls in (branch and stage names, ...);
 * null when acceptable (refs gitway does not sync are never written).
 *
 * @example
 * remoteRefProblem('refs/stages/prod');          // null
 * remoteRefProblem('refs/heads/../../tmp/x');    // "contains '..'"
 */
export function remoteRefProblem(ref: string): string | null {
  const problem = refNameProblem(ref);
  if (problem) return problem;
  const synced = syncedRef(ref);
  return synced ? synced.spec.nameProblem(synced.name) : null;
}

/**
 * Where gitway remembers a remote's ref as last seen: `refs/heads/<b>` ->
 * `refs/remotes/<remote>/<b>` (git's own layout) and `refs/stages/<s>` ->
 * `refs/remote-stages/<remote>/<s>`.
 *
 * @example
 * trackingRef('origin', 'refs/stages/prod'); // 'refs/remote-stages/origin/prod'
 */
export function trackingRef(remote: string, ref: string): string {
  const found = syncedRef(ref);
  if (!found) throw new Error(`gitway does not sync ${ref}`);
  const base = found.spec.tracking.replace('{remote}', remote);
  return found.spec.remote.endsWith('/') ? base + found.name : base;
}

/**
 * The refspecs of SYNCED_REFS for `remote` (`+refs/heads/*:refs/remotes/origin/*`, ...), as
 * written into the config so native `git fetch <remote>` fills the same tracking refs.
 *
 * @example
 * fetchRefspecs('origin')[1]; // '+refs/stages/*:refs/remote-stages/origin/*'
 */
export function fetchRefspecs(remote: string): string[] {
  return SYNCED_REFS.map((s) => {
    const dst = s.tracking.replace('{remote}', remote);
    return s.remote.endsWith('/') ? `+${s.remote}*:${dst}*` : `+${s.remote}:${dst}`;
  });
}
