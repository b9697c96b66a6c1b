import type { WriteOptions } from '../models/options.js';
import type { GitObject } from '../storage/gitObjects.js';
import { isoDate } from '../commands/_author.js';
import { _writeCommit } from '../commands/_writeCommit.js';

/**
 * Writes the new objects of a merged tree and a commit with parents [ours, theirs],
 * then moves `branchRef` from `ours` by compare-and-swap (RefMovedError if it moved).
 */
export async function _commitMerge(
  opts: WriteOptions,
  args: { branchRef: string; ours: string; theirs: string; tree: string; objects: GitObject[]; message: string },
): Promise<{ id: string; createdDate: string; objectsWritten: number }> {
  const { oid, author, objectsWritten } = await _writeCommit(opts, {
    ref: args.branchRef,
    expected: args.ours,
    tree: args.tree,
    parents: [args.ours, args.theirs],
    message: args.message,
    objects: args.objects,
  });
  return { id: oid, createdDate: isoDate(author.timestamp), objectsWritten };
}
