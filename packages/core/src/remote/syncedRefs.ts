import { branchNameProblem, stageNameProblem } from '../models/names.js';

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
}

/**
 * Every ref gitway fetches and pushes, in one place: branches (deployments) and stages
 * (stage commits). Both transports (native git, smart HTTP), the refspecs written into
 * the config, tracking-ref names and name validation read this list, so syncing a new
 * ref (e.g. a notes ref of source documents) is one entry here.
 *
 * @example
 * SYNCED_REFS.map((r) => r.remote); // ['refs/heads/', 'refs/stages/']
 */
export const SYNCED_REFS: readonly SyncedRef[] = [
  { remote: 'refs/heads/', tracking: 'refs/remotes/{remote}/', nameProblem: branchNameProblem, tipFile: 'api.json', fastForward: 'ancestor', kind: 'branch' },
  { remote: 'refs/stages/', tracking: 'refs/remote-stages/{remote}/', nameProblem: stageNameProblem, tipFile: 'stage.json', fastForward: 'first-parent', kind: 'stage' },
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
