import { parseCommit, type CommitInfo } from './gitObjects.js';
import type { ObjectStore } from './objectStore.js';

/** Reads and parses commit `oid` from `store`. */
export async function loadCommit(store: ObjectStore, oid: string): Promise<CommitInfo> {
  return parseCommit(oid, (await store.read(oid, 'commit')).content);
}

/**
 * Commits ordered newest first by committer date (ties: first queued first), as git's
 * walks order them. A commit can be queued more than once; `live` counts the queued
 * entries a walk still cares about, so "is anything left to do" costs nothing.
 */
class CommitQueue {
  private heap: { c: CommitInfo; n: number }[] = [];
  private counter = 0;
  private queued = new Map<string, number>();

  get size(): number {
    return this.heap.length;
  }

  isQueued(oid: string): boolean {
    return this.queued.has(oid);
  }

  push(c: CommitInfo): void {
    const h = this.heap;
    h.push({ c, n: this.counter++ });
    this.queued.set(c.oid, (this.queued.get(c.oid) ?? 0) + 1);
    for (let i = h.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (!this.before(h[i]!, h[up]!)) break;
      [h[i], h[up]] = [h[up]!, h[i]!];
      i = up;
    }
  }

  pop(): CommitInfo {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < h.length && this.before(h[l]!, h[best]!)) best = l;
        if (r < h.length && this.before(h[r]!, h[best]!)) best = r;
        if (best === i) break;
        [h[i], h[best]] = [h[best]!, h[i]!];
        i = best;
      }
    }
    const left = this.queued.get(top.c.oid)! - 1;
    if (left) this.queued.set(top.c.oid, left);
    else this.queued.delete(top.c.oid);
    return top.c;
  }

  private before(a: { c: CommitInfo; n: number }, b: { c: CommitInfo; n: number }): boolean {
    return a.c.committer.timestamp !== b.c.committer.timestamp ? a.c.committer.timestamp > b.c.committer.timestamp : a.n < b.n;
  }
}

const P1 = 1;
const P2 = 2;
const STALE = 4;
const RESULT = 8;

/**
 * git's paint-down-to-common: walks back from `one` (flag P1) and `twos` (P2) newest
 * first; a commit reached from both is a common ancestor and everything below it is
 * stale. The walk ends when only stale commits are queued, so it reads the commits
 * above the merge bases (the divergence), not the whole history. With `until`, it also
 * ends as soon as `one` is reached from `twos` (an ancestry question).
 */
export async function paintDownToCommon(store: ObjectStore, one: string, twos: string[], until?: 'one-reached'): Promise<{ flags: Map<string, number>; common: string[] }> {
  const flags = new Map<string, number>();
  const queue = new CommitQueue();
  const live = new Set<string>(); // queued commits that are not stale
  const paint = async (oid: string, f: number): Promise<void> => {
    const had = flags.get(oid) ?? 0;
    if ((had & f) === f) return;
    flags.set(oid, had | f);
    if ((had | f) & STALE) live.delete(oid);
    else live.add(oid);
    queue.push(await loadCommit(store, oid));
  };
  await paint(one, P1);
  for (const two of twos) await paint(two, P2);
  const common: string[] = [];
  while (live.size) {
    if (until && (flags.get(one)! & P2)) break;
    const c = queue.pop();
    if (!queue.isQueued(c.oid)) live.delete(c.oid);
    const own = flags.get(c.oid)!;
    let f = own & (P1 | P2 | STALE);
    if ((f & (P1 | P2)) === (P1 | P2)) {
      if (!(own & RESULT)) {
        flags.set(c.oid, own | RESULT);
        common.push(c.oid);
      }
      f |= STALE;
    }
    for (const p of c.parents) await paint(p, f);
  }
  return { flags, common };
}

/**
 * Whether `ancestor` is reachable from `descendant` (a commit is its own ancestor).
 *
 * @example
 * await isAncestor(store, v1, v2); // true when v2 was deployed on top of v1
 */
export async function isAncestor(store: ObjectStore, ancestor: string, descendant: string): Promise<boolean> {
  if (ancestor === descendant) return true;
  const { flags } = await paintDownToCommon(store, ancestor, [descendant], 'one-reached');
  return (flags.get(ancestor)! & P2) !== 0;
}

/**
 * The best common ancestors of `a` and `b`, as `git merge-base --all`: common ancestors
 * that are not ancestors of another common ancestor (several after criss-cross merges,
 * none for unrelated histories). Sorted by id.
 */
export async function mergeBases(store: ObjectStore, a: string, b: string): Promise<string[]> {
  if (a === b) return [a];
  const { flags, common } = await paintDownToCommon(store, a, [b]);
  const candidates = common.filter((oid) => !(flags.get(oid)! & STALE));
  const independent: string[] = [];
  for (const x of candidates) {
    let redundant = false;
    for (const y of candidates) if (y !== x && (await isAncestor(store, x, y))) redundant = true;
    if (!redundant) independent.push(x);
  }
  return independent.sort();
}

export interface WalkOptions {
  /** Start here (the walk yields these and their ancestors). */
  include: string[];
  /** Commits whose ancestry is not wanted (`git rev-list A ^B`); ids not stored are ignored. */
  exclude?: string[];
  /** Follow only first parents from the included commits (the line of a branch or stage). */
  firstParent?: boolean;
  /** Yield at most this many commits. */
  maxCommits?: number;
}

const SEEN = 1;
const UNINTERESTING = 2;

/**
 * The commits reachable from `include` and not from `exclude`, newest first by committer
 * date, like `git rev-list [--first-parent] [-n N] A ^B`. Excluded ancestry is painted only
 * while an included commit is still queued, so the walk reads the commits it yields plus
 * about as many excluded ones, never the whole history. With clock skew (a child dated
 * before its parent) an excluded commit may be yielded; an included one is never lost.
 */
export async function* walkCommits(store: ObjectStore, opts: WalkOptions): AsyncGenerator<CommitInfo> {
  const flags = new Map<string, number>();
  const queue = new CommitQueue();
  const live = new Set<string>(); // queued commits that are still interesting
  const push = async (oid: string, f: number): Promise<void> => {
    const had = flags.get(oid) ?? 0;
    if ((had & f) === f) return;
    flags.set(oid, had | f | SEEN);
    if (f & UNINTERESTING) live.delete(oid);
    else live.add(oid);
    queue.push(await loadCommit(store, oid));
  };
  const excluded = opts.exclude?.length ? await store.missing(opts.exclude) : new Set<string>();
  for (const oid of opts.exclude ?? []) if (!excluded.has(oid)) await push(oid, UNINTERESTING);
  for (const oid of opts.include) await push(oid, SEEN);
  let yielded = 0;
  while (live.size) {
    const c = queue.pop();
    if (!queue.isQueued(c.oid)) live.delete(c.oid);
    if (flags.get(c.oid)! & UNINTERESTING) {
      for (const p of c.parents) await push(p, UNINTERESTING);
      continue;
    }
    if (opts.maxCommits !== undefined && yielded >= opts.maxCommits) return;
    // A commit queued twice (reached by two children) is yielded once.
    if (flags.get(c.oid)! & RESULT) continue;
    flags.set(c.oid, flags.get(c.oid)! | RESULT);
    yielded++;
    yield c;
    for (const p of opts.firstParent ? c.parents.slice(0, 1) : c.parents) await push(p, SEEN);
  }
}
