import type { ChangeTarget } from '../diff/types.js';

/**
 * One conflict of a three-way merge, by semantic path: `path` names the thing
 * ("GET /pets", a model name), `field` the dotted field inside it (absent when the
 * whole thing was deleted on one side and modified on the other). Values are undefined
 * where absent on that side.
 */
export interface MergeConflict {
  path: string;
  target: ChangeTarget;
  field?: string;
  fieldPath?: string[];
  file: string;
  base: unknown;
  ours: unknown;
  theirs: unknown;
}

export interface MergeResult {
  /** up-to-date: nothing to do; fast-forward: the branch moved to theirs; merged: a new two-parent commit. */
  status: 'up-to-date' | 'fast-forward' | 'merged';
  /** The branch tip after the merge. */
  id: string;
  /** The branch merged into ("main"). */
  branch: string;
  ours: string | null;
  theirs: string;
  /** The merge base(s) found (more than one for a criss-cross history). */
  bases: string[];
  objectsWritten: number;
  /** The merge commit's message (status merged). */
  description?: string;
}

/** A merge stopped by conflicts, as recorded in MERGE_HEAD and GITWAY_MERGE.json. */
export interface MergeState {
  /** The branch being merged into, full ref ("refs/heads/main"). */
  branchRef: string;
  ours: string;
  theirs: string;
  /** What the user named ("private"). */
  theirsName: string;
  message: string;
  bases: string[];
  conflicts: MergeConflict[];
  /** What to do once the merge is committed, as given to the merge that stopped (`merge --stage prod`). */
  followUp?: MergeFollowUp;
}

/** What a merge does after committing: point a stage at the result (created if missing). */
export interface MergeFollowUp {
  stageName?: string;
  deploy?: boolean;
}
