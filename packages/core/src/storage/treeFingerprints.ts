/**
 * The fingerprints of the last deployed tree (internal): for each file of that deployment
 * tree, the SHA-1 of the plain `JSON.stringify` of the value it was made from and the blob
 * id it got. Stored as `<gitdir>/gitway-trees` (JSON), written atomically.
 *
 * An equal fingerprint proves an equal value (`JSON.stringify`'s text determines the JSON
 * value, and canonical JSON is a function of that value), so the next deploy reuses the blob
 * id without serializing the value again. Entries are written only by a deploy that
 * validated the whole API, so an equal fingerprint at the same path also proves the value
 * passed the model's checks. It is a cache: missing, stale or unreadable, the deploy simply
 * builds the whole tree.
 */
import type { RepoOptions } from '../models/FsClient.js';

/** Bump when the tree layout, canonical JSON or the model's schema changes. */
const VERSION = 1;
const FILE = 'gitway-trees';

export interface TreeFingerprints {
  /** The deployment tree the files describe. */
  tree: string;
  /** file path -> [fingerprint, blob id] */
  files: Map<string, [string, string]>;
}

export async function readTreeFingerprints({ fs, gitdir }: RepoOptions): Promise<TreeFingerprints | undefined> {
  try {
    const data = JSON.parse((await fs.promises.readFile(`${gitdir}/${FILE}`, 'utf8')) as string) as { version?: number; tree?: unknown; files?: unknown };
    if (data.version !== VERSION || typeof data.tree !== 'string' || !Array.isArray(data.files)) return undefined;
    const files = new Map<string, [string, string]>();
    for (const row of data.files as unknown[]) {
      if (!Array.isArray(row) || row.length !== 3 || !row.every((x) => typeof x === 'string')) return undefined;
      files.set(row[0] as string, [row[1] as string, row[2] as string]);
    }
    return { tree: data.tree, files };
  } catch {
    return undefined;
  }
}

/** Records the fingerprints of `fp.tree` (a lost race or a read-only repository only loses the cache). */
export async function writeTreeFingerprints({ fs, gitdir }: RepoOptions, fp: TreeFingerprints): Promise<void> {
  const path = `${gitdir}/${FILE}`;
  const tmp = `${path}.tmp-${fp.tree.slice(0, 12)}`;
  const files = [...fp.files].map(([file, [print, oid]]) => [file, print, oid]);
  try {
    await fs.promises.writeFile(tmp, JSON.stringify({ version: VERSION, tree: fp.tree, files }) + '\n');
    await fs.promises.rename(tmp, path);
  } catch {
    await fs.promises.unlink(tmp).catch(() => undefined);
  }
}
