import type { FsClient, RepoOptions } from '../models/FsClient.js';
import { AmbiguousRevisionError } from '../errors/AmbiguousRevisionError.js';
import { NotFoundError } from '../errors/NotFoundError.js';
import type { CommitInfo, GitObject } from './gitObjects.js';
import { DEFAULT_CACHE_BYTES, ObjectStore } from './objectStore.js';
import { writeObjects } from './writeObjects.js';
import { isAncestor, loadCommit, mergeBases, walkCommits, type WalkOptions } from './commitGraph.js';
import { readRef, updateRef } from './refs.js';

const REPOS = Symbol.for('gitway.repos');
/** Repositories kept per fs object when the caller passes no cache (a long-lived process). */
const DEFAULT_REPOS_PER_FS = 8;
const defaults = new WeakMap<FsClient, Map<string, Repo>>();

/**
 * The one owner of a repository's storage: objects (read, has, write), refs (readRef,
 * updateRef by compare-and-swap) and history (isAncestor, mergeBase, expandPrefix,
 * walk), with one byte-bounded cache (see ObjectStore). Get it with `repoOf(opts)`: every
 * call that passes the same `cache` object (or, without one, the same fs and gitdir)
 * shares one Repo. A Repo is itself a RepoOptions, so it can be passed where options go.
 *
 * @example
 * const repo = repoOf({ fs, gitdir });
 * if (await repo.isAncestor(stageDeployment, branchTip)) console.log('fast-forward');
 */
export class Repo extends ObjectStore implements RepoOptions {
  /** Holds this Repo, so that `{ ...repo, rev }` finds it again through repoOf. */
  readonly cache: Record<string, unknown>;

  constructor(opts: { fs: FsClient; gitdir: string; cacheBytes?: number }) {
    super(opts.fs, opts.gitdir, opts.cacheBytes ?? DEFAULT_CACHE_BYTES);
    this.cache = { [REPOS]: new Map([[opts.gitdir, this]]) } as unknown as Record<string, unknown>;
  }

  /**
   * Writes the objects that are not stored yet — the one rule for every writer: an
   * object already in a pack or loose is never written again (checked by `missing`);
   * the rest go loose when few, into one new pack when many. Returns how many were written.
   *
   * @example
   * const written = await repo.write([blob, tree, commit]);
   */
  async write(objects: GitObject[]): Promise<number> {
    const unique = new Map(objects.map((o) => [o.oid, o]));
    const absent = await this.missing([...unique.keys()]);
    const todo = [...unique.values()].filter((o) => absent.has(o.oid));
    await writeObjects(this, todo);
    return todo.length;
  }

  /** Commit `oid`, parsed (NotFoundError when it is not a commit). */
  readCommit(oid: string): Promise<CommitInfo> {
    return loadCommit(this, oid);
  }

  /** The oid `ref` points at (following symbolic refs), or null. */
  readRef(ref: string): Promise<string | null> {
    return readRef(this, ref);
  }

  /** Moves `ref` to `oid` if it still points at `expected` (null: must not exist); StageMovedError otherwise. */
  updateRef(ref: string, oid: string, expected?: string | null): Promise<void> {
    return updateRef(this, ref, oid, expected);
  }

  /**
   * Whether `ancestor` is reachable from `descendant` (true when equal). Reads only the
   * commits between them and their merge base, never the whole history.
   *
   * @example
   * await repo.isAncestor(oldTip, newTip); // a fast-forward?
   */
  isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    return isAncestor(this, ancestor, descendant);
  }

  /**
   * The best common ancestors of `a` and `b` (`git merge-base --all`): one usually,
   * several after criss-cross merges, none for unrelated lines; sorted by id.
   *
   * @example
   * const [base] = await repo.mergeBase(ours, theirs);
   */
  mergeBase(a: string, b: string): Promise<string[]> {
    return mergeBases(this, a, b);
  }

  /**
   * Commits reachable from `include` and not from `exclude`, newest first, bounded by
   * `maxCommits` (see walkCommits).
   *
   * @example
   * for await (const c of repo.walk({ include: [tip], firstParent: true, maxCommits: 10 })) console.log(c.oid);
   */
  walk(opts: WalkOptions): AsyncGenerator<CommitInfo> {
    return walkCommits(this, opts);
  }

  /**
   * The one stored object whose id starts with `prefix` (4 to 40 hex digits) and that
   * `accept` takes (default: any object). None: NotFoundError; several:
   * AmbiguousRevisionError listing them (data.candidates).
   *
   * @example
   * const id = await repo.expandPrefix('1a2b3c');
   */
  async expandPrefix(prefix: string, accept: (oid: string) => Promise<boolean> = async () => true): Promise<string> {
    const hex = prefix.toLowerCase();
    if (!/^[0-9a-f]{4,40}$/.test(hex)) throw new NotFoundError(`invalid object id prefix '${prefix}' (4 to 40 hex digits)`, { what: 'object', name: prefix });
    const matches: string[] = [];
    for (const oid of await this.idsWithPrefix(hex)) if (await accept(oid)) matches.push(oid);
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      throw new AmbiguousRevisionError(`short id '${prefix}' is ambiguous; candidates: ${matches.map((d) => d.slice(0, 12)).join(', ')}`, { rev: prefix, candidates: matches });
    }
    throw new NotFoundError(`no object with id prefix '${prefix}'`, { what: 'object', name: prefix });
  }
}

/**
 * The Repo for `opts`: the one held by `opts.cache` for this gitdir (created there on
 * first use), else a default one per (fs, gitdir) — at most 8 per fs object, least
 * recently used dropped — so a long-lived process without a cache stays bounded.
 *
 * @example
 * const head = await repoOf({ fs, gitdir }).readRef('refs/heads/main');
 */
export function repoOf(opts: RepoOptions): Repo {
  if (opts instanceof Repo) return opts;
  if (opts.cache) {
    const holder = opts.cache as unknown as Record<symbol, Map<string, Repo>>;
    const byDir = (holder[REPOS] ??= new Map());
    let repo = byDir.get(opts.gitdir);
    if (!repo || repo.fs !== opts.fs) byDir.set(opts.gitdir, (repo = new Repo(opts)));
    return repo;
  }
  let byDir = defaults.get(opts.fs);
  if (!byDir) defaults.set(opts.fs, (byDir = new Map()));
  let repo = byDir.get(opts.gitdir);
  if (repo) byDir.delete(opts.gitdir);
  else repo = new Repo(opts);
  byDir.set(opts.gitdir, repo);
  if (byDir.size > DEFAULT_REPOS_PER_FS) byDir.delete(byDir.keys().next().value!);
  return repo;
}
