/**
 * The fingerprints of the last deployed tree (internal), stored as `<gitdir>/gitway-trees`
 * (JSON, written atomically): for the deployment tree `tree`, the SHA-1 (base64) of the plain
 * `JSON.stringify` of each value it was made from — one per resource (keyed by its path: the
 * resource's directory and its method files) and one per other file (`api.json`,
 * `models/<name>.json`, ...; keyed by the file path).
 *
 * An equal fingerprint proves an equal JSON value (`JSON.stringify`'s text determines the
 * value, and the canonical blobs are a function of that value), so the next deploy keeps the
 * base tree's entries without serializing the value again. Entries are written only by a
 * deploy that validated the API, so an equal fingerprint also proves the value passed the
 * model's checks in the same context. It is a cache: missing, stale or unreadable, the deploy
 * simply builds the whole tree. The record describes `tree` whatever the branch tip is, so a
 * record older than the tip is still exact.
 */
import type { RepoOptions } from '../models/FsClient.js';

/** Bump when the tree layout, canonical JSON, the fingerprint or the model's schema changes. */
const VERSION = 2;
const FILE = 'gitway-trees';

export interface TreeFingerprints {
  /** The deployment tree the fingerprints describe. */
  tree: string;
  /** file path (outside `paths/`) -> fingerprint */
  files: Map<string, string>;
  /** resource path -> fingerprint of the whole resource object */
  resources: Map<string, string>;
}

function pairs(list: unknown): Map<string, string> | undefined {
  if (!Array.isArray(list) || list.length % 2 !== 0) return undefined;
  const out = new Map<string, string>();
  for (let i = 0; i < list.length; i += 2) {
    const [key, print] = [list[i] as unknown, list[i + 1] as unknown];
    if (typeof key !== 'string' || typeof print !== 'string') return undefined;
    out.set(key, print);
  }
  return out;
}

function flat(map: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [key, print] of map) out.push(key, print);
  return out;
}

/** The recorded fingerprints, or undefined when there are none usable (missing, another version, garbled). */
export async function readTreeFingerprints({ fs, gitdir }: RepoOptions): Promise<TreeFingerprints | undefined> {
  try {
    const data = JSON.parse((await fs.promises.readFile(`${gitdir}/${FILE}`, 'utf8')) as string) as { version?: unknown; tree?: unknown; files?: unknown; resources?: unknown };
    if (data.version !== VERSION || typeof data.tree !== 'string' || !/^[0-9a-f]{40}$/.test(data.tree)) return undefined;
    const files = pairs(data.files);
    const resources = pairs(data.resources);
    return files && resources ? { tree: data.tree, files, resources } : undefined;
  } catch {
    return undefined;
  }
}

/** Records the fingerprints of `fp.tree` (a lost race or a read-only repository only loses the cache). */
export async function writeTreeFingerprints({ fs, gitdir }: RepoOptions, fp: TreeFingerprints): Promise<void> {
  const path = `${gitdir}/${FILE}`;
  const tmp = `${path}.tmp-${fp.tree.slice(0, 12)}`;
  try {
    await fs.promises.writeFile(tmp, JSON.stringify({ version: VERSION, tree: fp.tree, files: flat(fp.files), resources: flat(fp.resources) }) + '\n');
    await fs.promises.rename(tmp, path);
  } catch {
    await fs.promises.unlink(tmp).catch(() => undefined);
  }
}
