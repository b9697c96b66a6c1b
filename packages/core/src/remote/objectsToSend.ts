import type { RepoOptions } from '../models/FsClient.js';
import { readCommit, readTree } from '../storage/readObjects.js';
import { repoOf } from '../storage/Repo.js';

/**
 * The objects a remote that has `remoteTips` (and everything they reach) is missing to
 * hold `tips`: new commits (`git rev-list tips ^remoteTips`, a walk that reads the new
 * commits and about as many old ones, never the remote's whole history), and the trees
 * and blobs they use that the boundary commits (the ones the remote has) do not.
 */
export async function objectsToSend(opts: RepoOptions, tips: string[], remoteTips: string[]): Promise<string[]> {
  const commits: { oid: string; tree: string }[] = [];
  const seen = new Set<string>();
  const parents = new Set<string>();
  for await (const c of repoOf(opts).walk({ include: tips, exclude: remoteTips })) {
    commits.push({ oid: c.oid, tree: c.tree });
    seen.add(c.oid);
    for (const p of c.parents) parents.add(p);
  }
  const boundary = [...parents].filter((p) => !seen.has(p));
  const skip = new Set<string>();
  const walk = async (tree: string, into: Set<string>, out?: string[]): Promise<void> => {
    if (skip.has(tree) || into.has(tree)) return;
    into.add(tree);
    out?.push(tree);
    for (const e of await readTree(opts, tree)) {
      if (e.type === 'tree') await walk(e.oid, into, out);
      else if (e.type === 'blob' && !skip.has(e.oid) && !into.has(e.oid)) {
        into.add(e.oid);
        out?.push(e.oid);
      }
    }
  };
  for (const oid of boundary) await walk((await readCommit(opts, oid)).tree, skip);
  const sent = new Set<string>();
  const out: string[] = [];
  for (const c of commits) {
    out.push(c.oid);
    await walk(c.tree, sent, out);
  }
  return out;
}
