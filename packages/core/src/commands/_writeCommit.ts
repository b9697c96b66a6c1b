import type { WriteOptions } from '../models/options.js';
import { encodeCommit, hashObject, type GitObject, type Signature } from '../storage/gitObjects.js';
import { updateRef } from '../storage/refs.js';
import { repoOf } from '../storage/Repo.js';
import { _signature } from './_author.js';

export interface CommitToWrite {
  /** The ref to move ("refs/heads/main", "refs/stages/prod", a record ref). */
  ref: string;
  /** What `ref` must still point at (null: must not exist); a moved ref is StageMovedError. */
  expected: string | null;
  tree: string;
  /** Parent commits, first parent first (duplicates dropped). */
  parents: string[];
  message: string;
  /** The new objects the commit needs (blobs, trees), any order; stored ones are skipped. */
  objects?: GitObject[];
  /** Default: the write's signature (opts.author or git config, opts.now). */
  author?: Signature;
}

/**
 * The one commit writer of core: writes `objects` and the commit through Repo.write (its
 * one rule: what is stored already is not written again), then moves `ref` from
 * `expected` by compare-and-swap. Deployments, stage states, merges and the records
 * kept beside the history all go through here.
 *
 * @example
 * const { oid } = await _writeCommit(opts, { ref: 'refs/heads/main', expected: tip, tree, parents: [tip], message: 'v2', objects });
 */
export async function _writeCommit(opts: WriteOptions, args: CommitToWrite): Promise<{ oid: string; author: Signature; objectsWritten: number }> {
  const author = args.author ?? (await _signature(opts));
  const commit = hashObject('commit', encodeCommit({ tree: args.tree, parents: [...new Set(args.parents)], author, message: args.message }));
  const objectsWritten = await repoOf(opts).write([...(args.objects ?? []), commit]);
  await updateRef(opts, args.ref, commit.oid, args.expected);
  return { oid: commit.oid, author, objectsWritten };
}
