import type { WriteOptions } from '../models/options.js';
import type { GitObject } from '../storage/gitObjects.js';
import { encodeCommit, hashObject } from '../storage/gitObjects.js';
import { writeObjects } from '../storage/writeObjects.js';
import { hasObject } from '../storage/hasObject.js';
import { updateRef } from '../storage/refs.js';
import { _signature, isoDate } from '../commands/_author.js';

/**
 * Writes the new objects of a merged tree and a commit with parents [ours, theirs],
 * then moves `branchRef` from `ours` by compare-and-swap (RefMovedError if it moved).
 */
export async function _commitMerge(
  opts: WriteOptions,
  args: { branchRef: string; ours: string; theirs: string; tree: string; objects: GitObject[]; message: string },
): Promise<{ id: string; createdDate: string; objectsWritten: number }> {
  const missing: GitObject[] = [];
  const cache = (opts.cache ?? {}) as Record<string, unknown>;
  for (const obj of args.objects) if (args.objects.length > 256 || !(await hasObject(opts.fs, opts.gitdir, obj.oid, cache))) missing.push(obj);
  const author = await _signature(opts);
  const commit = hashObject('commit', encodeCommit({ tree: args.tree, parents: [args.ours, args.theirs], author, message: args.message }));
  missing.push(commit);
  await writeObjects(opts.fs, opts.gitdir, missing);
  await updateRef(opts.fs, opts.gitdir, args.branchRef, commit.oid, args.ours);
  return { id: commit.oid, createdDate: isoDate(author.timestamp), objectsWritten: missing.length };
}
