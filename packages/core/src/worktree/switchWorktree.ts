import type { WorkingOptions } from '../api/workingDefinition.js';
import { switchBranch } from '../api/switchBranch.js';
import { ConflictError } from '../errors/ConflictError.js';
import { _checkoutWorking, type Restored } from './_checkout.js';
import { undeployedChanges, type UndeployedChanges } from './undeployedChanges.js';
import { _readSource } from './sourceRecord.js';

/**
 * Refuses to overwrite a working definition holding undeployed changes — or, when the tip
 * records its source document, edits of the text alone (comments, layout) that a deploy
 * would record; `advice` says what to do.
 */
export async function _assertNoUndeployed(opts: WorkingOptions, advice: string): Promise<void> {
  const pending = await undeployedChanges(opts);
  if (pending.count > 0) {
    throw new ConflictError(`the working definition has ${pending.count} undeployed change(s); ${advice}`, {
      reason: 'undeployed',
      changes: pending.count,
    });
  }
  if (await _textEdited(opts, pending)) {
    throw new ConflictError(`the working definition has edits to its text (comments or layout) that are not deployed; ${advice}`, { reason: 'edited', changes: 0 });
  }
}

/** True when the file's text differs from the source recorded for the tip it equals (comment-only edits). */
export async function _textEdited(opts: WorkingOptions, pending: UndeployedChanges): Promise<boolean> {
  if (!pending.exists || !pending.tip) return false;
  const source = await _readSource(opts, pending.tip);
  if (!source) return false;
  return String(await opts.fs.promises.readFile(pending.file, 'utf8')) !== source.text;
}

/**
 * `gitway switch` for library users: makes `name` the current branch (creating it at
 * `start` when `create`) and writes its tip into the working definition, as the document
 * it was deployed from (byte for byte) when one is recorded. Refused (ConflictError,
 * nothing changed) while the working definition holds undeployed changes, or text edits
 * (comments, layout) the tip's recorded source does not have, unless `force`.
 *
 * @example
 * const r = await switchWorktree({ fs, gitdir, name: 'private' });
 * // { branch: 'private', id: '3f2a...', file: '/work/petstore/api.yaml', restored: 'source' }
 */
export async function switchWorktree(
  opts: WorkingOptions & { name: string; create?: boolean; start?: string; force?: boolean },
): Promise<{ branch: string; id: string | null; file: string | null; restored: Restored | null }> {
  if (!opts.force) await _assertNoUndeployed(opts, 'deploy them, or switch --force to discard them');
  const branch = await switchBranch(opts);
  if (!branch.id) return { branch: branch.name, id: null, file: null, restored: null };
  const { file, restored } = await _checkoutWorking(opts, branch.id);
  return { branch: branch.name, id: branch.id, file, restored };
}
