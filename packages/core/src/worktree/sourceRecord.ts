/**
 * Source records (internal): the exact document a deployment was deployed from, kept
 * outside the canonical API tree so that the same API still gives the same tree.
 *
 * One ref per deployment, `refs/gitway/sources/<deployment id>`, pointing at a *source
 * commit* whose tree holds one blob, the document under its file name (`api.yaml`). The
 * first record has no parent; recording another text for the same deployment (a redeploy
 * of the same API with other comments) makes a commit whose parent is the previous
 * record, so the ref only ever fast-forwards and travels with push/pull like any ref.
 * See docs/DESIGN.md "Worktree and source documents".
 */
import type { RepoOptions } from '../models/FsClient.js';
import type { WriteOptions } from '../models/options.js';
import { encodeTree, hashObject } from '../storage/gitObjects.js';
import { readRef } from '../storage/refs.js';
import { _writeCommit } from '../commands/_writeCommit.js';
import { readBlobText, readCommit, readTree } from '../storage/readObjects.js';
import { _signature } from '../commands/_author.js';
import { _retryOnRace } from '../commands/_retry.js';

/** Where source records live; the remotes sync `refs/gitway/sources/*` as they are. */
export const SOURCE_REF_PREFIX = 'refs/gitway/sources/';

/** A recorded source document: its text and the file name it was deployed from. */
export interface SourceDocument {
  text: string;
  /** Base name of the file (`api.yaml`). */
  filename: string;
}

/** The ref of `deploymentId`'s source record. */
export function sourceRef(deploymentId: string): string {
  return `${SOURCE_REF_PREFIX}${deploymentId}`;
}

/** A tree entry name git accepts (fsck --strict): the base name, else a neutral one of the same syntax. */
function entryName(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  if (base && base !== '.' && base !== '..' && base.toLowerCase() !== '.git' && !/[\0\n]/.test(base)) return base;
  return /\.json$/i.test(filename) ? 'definition.json' : 'definition.yaml';
}

/** The source document recorded for `deploymentId`, or null (old deployments, or none recorded). */
export async function _readSource(opts: RepoOptions, deploymentId: string): Promise<SourceDocument | null> {
  const tip = await readRef(opts, sourceRef(deploymentId));
  if (!tip) return null;
  const entries = (await readTree(opts, (await readCommit(opts, tip)).tree)).filter((e) => e.type === 'blob');
  if (entries.length !== 1) return null;
  return { text: await readBlobText(opts, entries[0]!.oid), filename: entries[0]!.path };
}

/**
 * Records `source` as the document `deploymentId` was deployed from. The same text again
 * writes nothing; another text becomes the next commit of the record (compare-and-swap).
 */
export async function _recordSource(opts: WriteOptions, deploymentId: string, source: SourceDocument): Promise<{ recorded: boolean }> {
  const ref = sourceRef(deploymentId);
  const name = entryName(source.filename);
  const blob = hashObject('blob', Buffer.from(source.text, 'utf8'));
  const tree = hashObject('tree', encodeTree([{ mode: '100644', name, oid: blob.oid }]));
  return _retryOnRace(async () => {
    const tip = await readRef(opts, ref);
    if (tip && (await readCommit(opts, tip)).tree === tree.oid) return { recorded: false };
    // The first record is signed as its deployment (no clock read: a deploy stays one tick); a later one by who records it.
    const author = tip ? await _signature(opts) : (await readCommit(opts, deploymentId)).author;
    await _writeCommit(opts, { ref, expected: tip, tree: tree.oid, parents: tip ? [tip] : [], author, message: `source of ${deploymentId}\n`, objects: [blob, tree] });
    return { recorded: true };
  });
}
