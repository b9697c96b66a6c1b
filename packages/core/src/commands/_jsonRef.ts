import type { RepoOptions } from '../models/FsClient.js';
import type { WriteOptions } from '../models/options.js';
import { canonicalJson } from '../utils/canonicalJson.js';
import { encodeCommit, encodeTree, hashObject } from '../storage/gitObjects.js';
import { writeObjects } from '../storage/writeObjects.js';
import { readRef, updateRef } from '../storage/refs.js';
import { readCommit, readJsonBlob, readTree } from '../storage/readObjects.js';
import { _signature, isoDate } from './_author.js';

/**
 * A record kept beside the history (deleted deployments, deployment descriptions): ref
 * `ref` points at a commit whose tree holds one canonical JSON file `file`. Returns the tip
 * and the parsed record ({} when the ref does not exist).
 */
export async function _readJsonRef<T extends object>(opts: RepoOptions, ref: string, file: string): Promise<{ tip: string | null; value: T }> {
  const tip = await readRef(opts.fs, opts.gitdir, ref);
  if (!tip) return { tip, value: {} as T };
  const entry = (await readTree(opts, (await readCommit(opts, tip)).tree)).find((e) => e.path === file);
  return { tip, value: entry ? await readJsonBlob<T>(opts, entry.oid) : ({} as T) };
}

/**
 * Records `value` as the next commit of `ref` (parents: the previous tip, then `keep`,
 * commits the record must keep reachable), moving the ref by compare-and-swap from `tip`.
 * `value` gets the commit's date. Returns that date.
 */
export async function _commitJsonRef(
  opts: WriteOptions,
  args: { ref: string; file: string; tip: string | null; value: (date: string) => object; keep: string[]; message: string },
): Promise<string> {
  const author = await _signature(opts);
  const date = isoDate(author.timestamp);
  const blob = hashObject('blob', Buffer.from(canonicalJson(args.value(date))));
  const tree = hashObject('tree', encodeTree([{ mode: '100644', name: args.file, oid: blob.oid }]));
  const parents = [...new Set([...(args.tip ? [args.tip] : []), ...args.keep])];
  const commit = hashObject('commit', encodeCommit({ tree: tree.oid, parents, author, message: args.message }));
  await writeObjects(opts.fs, opts.gitdir, [blob, tree, commit]);
  await updateRef(opts.fs, opts.gitdir, args.ref, commit.oid, args.tip);
  return date;
}
