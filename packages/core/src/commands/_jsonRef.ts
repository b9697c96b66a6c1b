import type { RepoOptions } from '../models/FsClient.js';
import type { WriteOptions } from '../models/options.js';
import { canonicalJson } from '../utils/canonicalJson.js';
import { encodeTree, hashObject } from '../storage/gitObjects.js';
import { readRef } from '../storage/refs.js';
import { readCommit, readJsonBlob, readTree } from '../storage/readObjects.js';
import { _signature, isoDate } from './_author.js';
import { _writeCommit } from './_writeCommit.js';

/**
 * A record kept beside the history (deleted deployments, deployment descriptions): ref
 * `ref` points at a commit whose tree holds one canonical JSON file `file`. Returns the tip
 * and the parsed record ({} when the ref does not exist).
 */
export async function _readJsonRef<T extends object>(opts: RepoOptions, ref: string, file: string): Promise<{ tip: string | null; value: T }> {
  const tip = await readRef(opts, ref);
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
  const parents = [...(args.tip ? [args.tip] : []), ...args.keep];
  await _writeCommit(opts, { ref: args.ref, expected: args.tip, tree: tree.oid, parents, message: args.message, objects: [blob, tree], author });
  return date;
}
