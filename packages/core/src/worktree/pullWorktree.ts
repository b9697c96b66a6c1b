import type { WorkingOptions } from '../api/workingDefinition.js';
import type { RemoteSyncOptions } from '../remote/types.js';
import { pull, type PullResult } from '../remote/pull.js';
import { currentBranch } from '../api/currentBranch.js';
import { _checkoutWorking, type Restored } from './_checkout.js';
import { undeployedChanges } from './undeployedChanges.js';
import { _textEdited } from './switchWorktree.js';

/** What a pull did to the working definition. */
export interface WorkingUpdate {
  /** The current branch and its tip after the pull. */
  branch: string;
  id: string | null;
  /** Written to the current branch's new tip. */
  updated: boolean;
  file: string | null;
  restored: Restored | null;
  /**
   * Why it was left alone: it holds undeployed changes, or text edits (comments, layout) not
   * deployed, or it could not be read or parsed (`error`: the one-line reason).
   */
  kept?: { reason: 'undeployed' | 'edited'; changes: number } | { reason: 'unreadable'; error: string };
}

/**
 * `gitway pull` for library users: pull, then, like git pull, the working definition
 * follows the current branch when it moved (the new tip's recorded source, byte for
 * byte) — unless it holds undeployed changes or text edits, or cannot be parsed: then it is left as it
 * is and `working.kept` says why.
 *
 * @example
 * const { updates, working } = await pullWorktree({ fs, gitdir, remote: 'origin' });
 * if (working.kept) console.warn(`left ${working.file} as it is: ${working.kept.reason}`);
 */
export async function pullWorktree(opts: RemoteSyncOptions & WorkingOptions): Promise<PullResult & { working: WorkingUpdate }> {
  const before = await undeployedChanges(opts).then(
    async (p) => ({ ok: true as const, ...p, edited: await _textEdited(opts, p) }),
    (err: unknown) => ({ ok: false as const, error: err instanceof Error ? err.message : String(err) }),
  );
  const r = await pull(opts);
  const branch = await currentBranch(opts);
  const moved = r.updates.some((u) => u.ref === `refs/heads/${branch.name}` && (u.status === 'fast-forward' || u.status === 'created' || u.status === 'forced'));
  const at = { branch: branch.name, id: branch.id };
  if (!moved || !branch.id) return { ...r, working: { ...at, updated: false, file: null, restored: null } };
  if (!before.ok) return { ...r, working: { ...at, updated: false, file: null, restored: null, kept: { reason: 'unreadable', error: before.error } } };
  if (before.count > 0) return { ...r, working: { ...at, updated: false, file: before.file, restored: null, kept: { reason: 'undeployed', changes: before.count } } };
  if (before.edited) return { ...r, working: { ...at, updated: false, file: before.file, restored: null, kept: { reason: 'edited', changes: 0 } } };
  const { file, restored } = await _checkoutWorking(opts, branch.id);
  return { ...r, working: { ...at, updated: true, file, restored } };
}
