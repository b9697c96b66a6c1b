import type { RepoOptions } from '../models/FsClient.js';
import { readCommit } from '../storage/readObjects.js';

const ONE = 1;
const TWO = 2;
const STALE = 4;
const RESULT = 8;

/**
 * The best common ancestors of `one` and `others` (git's merge-base): commits reachable
 * from both, none of which is an ancestor of another. Walks both histories together,
 * newest first (git's paint-down-to-common), and stops once every commit still queued is
 * below a common ancestor found, so the work is proportional to the commits since the fork,
 * not to the whole history. Commits are read with the repository's object reader.
 */
export async function commonAncestors(opts: RepoOptions, one: string, others: string[]): Promise<string[]> {
  const found = await paint(opts, one, others);
  if (found.length <= 1) return found;
  // Drop any result that is an ancestor of another (criss-cross histories give several).
  const out: string[] = [];
  for (const c of found) {
    const rest = found.filter((x) => x !== c);
    const below = await Promise.all(rest.map((r) => isAncestor(opts, c, r)));
    if (!below.some(Boolean)) out.push(c);
  }
  return out;
}

/** True when `ancestor` is reachable from `oid` (or equal to it). */
export async function isAncestor(opts: RepoOptions, ancestor: string, oid: string): Promise<boolean> {
  if (ancestor === oid) return true;
  return (await paint(opts, ancestor, [oid])).includes(ancestor);
}

async function paint(opts: RepoOptions, one: string, others: string[]): Promise<string[]> {
  const flags = new Map<string, number>();
  const times = new Map<string, number>();
  const queue: string[] = [];
  const push = async (oid: string, flag: number) => {
    flags.set(oid, (flags.get(oid) ?? 0) | flag);
    if (!times.has(oid)) times.set(oid, (await readCommit(opts, oid)).author.timestamp);
    queue.push(oid);
  };
  await push(one, ONE);
  for (const o of others) await push(o, TWO);
  const result: string[] = [];
  const live = () => queue.some((oid) => !((flags.get(oid) ?? 0) & STALE));
  while (queue.length && live()) {
    // newest first; ties by oid so the walk is deterministic
    let best = 0;
    for (let i = 1; i < queue.length; i++) {
      const a = times.get(queue[i]!)!;
      const b = times.get(queue[best]!)!;
      if (a > b || (a === b && queue[i]! > queue[best]!)) best = i;
    }
    const oid = queue.splice(best, 1)[0]!;
    let f = flags.get(oid)! & (ONE | TWO | STALE);
    if ((f & (ONE | TWO)) === (ONE | TWO)) {
      if (!(flags.get(oid)! & RESULT)) {
        flags.set(oid, flags.get(oid)! | RESULT);
        result.push(oid);
      }
      f |= STALE;
    }
    for (const parent of (await readCommit(opts, oid)).parents) {
      if (((flags.get(parent) ?? 0) & f) === f) continue;
      await push(parent, f);
    }
  }
  // a result reached again from another result's side is below it
  return result.filter((oid) => !(flags.get(oid)! & STALE));
}
