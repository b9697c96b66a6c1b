import type { WorkingOptions } from '../api/workingDefinition.js';
import { _assertRepo } from '../commands/_repo.js';
import { _resolveRevision } from '../commands/_revision.js';
import { _checkoutWorking, type Restored } from './_checkout.js';

/**
 * Writes deployment `rev` (any revision) into the working definition without moving
 * HEAD: the document it was deployed from, byte for byte, when one is recorded in the
 * working file's syntax, else the API rendered in the file's format. Discards what the
 * file held (callers check undeployedChanges first, as switchWorktree does).
 *
 * @example
 * const { file, restored } = await checkoutWorking({ fs, gitdir, rev: 'prod' }); // restored: 'source'
 */
export async function checkoutWorking(opts: WorkingOptions & { rev: string }): Promise<{ id: string; file: string; restored: Restored }> {
  await _assertRepo(opts);
  const { oid } = await _resolveRevision(opts, opts.rev);
  return { id: oid, ...(await _checkoutWorking(opts, oid)) };
}
