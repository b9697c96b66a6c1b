import type { RepoOptions } from '../models/FsClient.js';
import { listRefs, readRef } from '../storage/refs.js';
import { readCommit, readTree } from '../storage/readObjects.js';
import { repoOf } from '../storage/Repo.js';
import { NotFoundError } from '../errors/NotFoundError.js';
import { AmbiguousRevisionError } from '../errors/AmbiguousRevisionError.js';
import { InvalidNameError } from '../errors/InvalidNameError.js';
import { printableName, refNameProblem } from '../models/refName.js';
import { _currentBranchRef } from './_repo.js';
import { _readStageCommit, type StageState } from './_stage.js';

export interface ResolvedRevision {
  /** The deployment commit id. */
  oid: string;
  /** The ref the revision started from, if any ("refs/stages/prod", "refs/heads/main"). */
  ref?: string;
  /** When the revision names a stage state (prod, prod@{2}): that state. */
  stageState?: StageState;
}

const REV = /^(?<base>[^~^@]+|@|HEAD)(?:@\{(?<at>\d+)\})?(?<nav>(?:~\d*|\^)*)$/;

/**
 * Resolves a revision to a deployment: a deployment id or unique prefix (4+ hex), a
 * branch, a stage (its active deployment), HEAD, `refs/...`, `heads/x`, `stages/x`,
 * `<stage>@{N}` (the stage's Nth previous state), and `~N` / `^` suffixes (N
 * deployments back on that line).
 */
export async function _resolveRevision(opts: RepoOptions, rev: string): Promise<ResolvedRevision> {
  const m = typeof rev === 'string' ? REV.exec(rev) : null;
  if (!m?.groups) throw new InvalidNameError(`invalid revision '${printableName(rev)}'`, { kind: 'revision', name: rev });
  const { base, at, nav } = m.groups as { base: string; at?: string; nav: string };
  const problem = base === 'HEAD' || base === '@' ? null : refNameProblem(base.startsWith('refs/') ? base : `refs/${base}`);
  if (problem) throw new InvalidNameError(`invalid revision '${printableName(rev)}': ${problem}`, { kind: 'revision', name: rev });
  let resolved = await resolveBase(opts, base, rev);
  if (at !== undefined) {
    if (!resolved.stageState) throw new InvalidNameError(`'@{${at}}' needs a stage: '${base}' is not a stage`, { kind: 'revision', name: rev });
    let state: StageState = resolved.stageState;
    for (let i = 0; i < Number(at); i++) {
      if (!state.previous) throw new NotFoundError(`stage '${base}' has only ${i + 1} state(s); '${rev}' does not exist`, { what: 'revision', name: rev });
      state = await _readStageCommit(opts, state.previous);
    }
    resolved = { oid: state.stage.deploymentId, ref: resolved.ref, stageState: state };
  }
  const steps = [...nav.matchAll(/~(\d*)|\^/g)].reduce((n, s) => n + (s[0] === '^' ? 1 : s[1] === '' ? 1 : Number(s[1])), 0);
  let oid = resolved.oid;
  for (let i = 0; i < steps; i++) {
    const parent = (await readCommit(opts, oid)).parents[0];
    if (!parent) throw new NotFoundError(`'${rev}' goes back past the first deployment`, { what: 'revision', name: rev });
    oid = parent;
  }
  return steps === 0 ? resolved : { oid, ref: resolved.ref };
}

async function fromStageRef(opts: RepoOptions, ref: string, oid: string): Promise<ResolvedRevision> {
  const stageState = await _readStageCommit(opts, oid);
  return { oid: stageState.stage.deploymentId, ref, stageState };
}

async function resolveBase(opts: RepoOptions, base: string, rev: string): Promise<ResolvedRevision> {
  if (base === 'HEAD' || base === '@') {
    const ref = await _currentBranchRef(opts);
    const oid = await readRef(opts, ref);
    if (!oid) throw new NotFoundError(`HEAD (${ref}) has no deployment yet`, { what: 'revision', name: rev });
    return { oid, ref };
  }
  const qualified = base.startsWith('refs/') ? [base] : base.startsWith('heads/') || base.startsWith('stages/') ? [`refs/${base}`] : null;
  if (qualified) {
    const oid = await readRef(opts, qualified[0]!);
    if (!oid) throw await unknown(opts, rev);
    return qualified[0]!.startsWith('refs/stages/') ? fromStageRef(opts, qualified[0]!, oid) : { oid, ref: qualified[0] };
  }
  const branch = await readRef(opts, `refs/heads/${base}`);
  const stage = await readRef(opts, `refs/stages/${base}`);
  if (branch && stage) {
    throw new AmbiguousRevisionError(`revision '${rev}' is ambiguous: it names branch heads/${base} and stage stages/${base}; write one of those`, {
      rev,
      candidates: [`heads/${base}`, `stages/${base}`],
    });
  }
  if (branch) return { oid: branch, ref: `refs/heads/${base}` };
  if (stage) return fromStageRef(opts, `refs/stages/${base}`, stage);
  if (/^[0-9a-f]{4,40}$/i.test(base)) return resolvePrefix(opts, base.toLowerCase(), rev);
  throw await unknown(opts, rev);
}

/** What a commit is to gitway: a deployment (tree has api.json), a stage state (stage.json), or neither. */
async function commitKind(opts: RepoOptions, oid: string): Promise<'deployment' | 'stage' | null> {
  let tree;
  try {
    tree = await readTree(opts, (await readCommit(opts, oid)).tree);
  } catch (err) {
    if (err instanceof NotFoundError) return null; // not a commit
    throw err;
  }
  return tree.some((e) => e.path === 'api.json') ? 'deployment' : tree.some((e) => e.path === 'stage.json') ? 'stage' : null;
}

async function resolvePrefix(opts: RepoOptions, prefix: string, rev: string): Promise<ResolvedRevision> {
  let oid: string;
  try {
    oid = await repoOf(opts).expandPrefix(prefix, async (candidate) => (await commitKind(opts, candidate)) !== null);
  } catch (err) {
    if (err instanceof AmbiguousRevisionError) throw new AmbiguousRevisionError(err.message, { ...err.data, rev });
    if (err instanceof NotFoundError) throw await unknown(opts, rev);
    throw err;
  }
  return (await commitKind(opts, oid)) === 'stage' ? fromStageRef(opts, oid, oid) : { oid };
}

async function unknown(opts: RepoOptions, rev: string): Promise<NotFoundError> {
  const branches = [...(await listRefs(opts, 'refs/heads/')).keys()].map((r) => r.slice(11));
  const stages = [...(await listRefs(opts, 'refs/stages/')).keys()].map((r) => r.slice(12));
  const known = [...branches.map((b) => `branch ${b}`), ...stages.map((s) => `stage ${s}`)];
  return new NotFoundError(
    `unknown revision '${rev}'${known.length ? ` (known: ${known.join(', ')}; or a deployment id of 4+ hex digits)` : ' (the repository has no deployments yet)'}`,
    { what: 'revision', name: rev, candidates: [...branches, ...stages] },
  );
}
