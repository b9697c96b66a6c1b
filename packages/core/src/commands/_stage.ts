import type { Stage } from '../models/types.js';
import type { RepoOptions } from '../models/FsClient.js';
import type { WriteOptions } from '../models/options.js';
import { canonicalJson } from '../utils/canonicalJson.js';
import { encodeTree, hashObject } from '../storage/gitObjects.js';
import { listRefs, readRef } from '../storage/refs.js';
import { readCommit, readJsonBlob, readTree, type CommitInfo } from '../storage/readObjects.js';
import { assertStage } from '../models/stageRules.js';
import { stageResource } from '../models/stageResource.js';
import { assertStageName, RESERVED_STAGE_NAMES, stageNameProblem } from '../models/names.js';
import { NotFoundError } from '../errors/NotFoundError.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';
import { StageMovedError } from '../errors/StageMovedError.js';
import { CorruptObjectError } from '../errors/CorruptObjectError.js';
import { _signature, isoDate } from './_author.js';
import { _writeCommit } from './_writeCommit.js';
import { _retryOnRace } from './_retry.js';
import { _readDeleted } from './_deleted.js';
import { _resolveRevision } from './_revision.js';

export const stageRef = (name: string): string => `refs/stages/${name}`;

/** GetStage's NotFoundException for `name`. */
export function stageNotFound(name: string): NotFoundError {
  return new NotFoundError(`Invalid stage identifier specified: stage '${name}' not found`, { what: 'stage', name });
}

/** One state of a stage: the Stage record and the stage commit that holds it. */
export interface StageState {
  stage: Stage;
  /** The stage commit id. */
  oid: string;
  /** First parent: the previous state, null for the first. */
  previous: string | null;
  message: string;
  author: { name: string; email: string };
  updatedDate: string;
}

/** Reads the stage record held by stage commit `oid`. */
export async function _readStageCommit(opts: RepoOptions, oid: string, commit?: CommitInfo): Promise<StageState> {
  const c = commit ?? (await readCommit(opts, oid));
  const entry = (await readTree(opts, c.tree)).find((e) => e.path === 'stage.json');
  if (!entry) throw new NotFoundError(`commit ${oid} is not a stage commit (no stage.json)`, { what: 'stage', name: oid });
  const stage = stageResource(await readJsonBlob<Stage>(opts, entry.oid));
  const prev = c.parents[0] ?? null;
  // Parents are [previous state?, active deployment, canary?]: the first is a previous
  // state only when it is a stage commit, which the stage record tells apart.
  const previous = prev && prev !== stage.deploymentId && prev !== stage.canarySettings?.deploymentId ? prev : null;
  return {
    stage,
    oid,
    previous,
    message: c.message.replace(/\n$/, ''),
    author: { name: c.author.name, email: c.author.email },
    updatedDate: isoDate(c.author.timestamp),
  };
}

/** Current state of stage `name`, or null when it does not exist. */
export async function _readStage(opts: RepoOptions, name: string): Promise<StageState | null> {
  // A reserved name can never be created by gitway, so it does not exist (the preview answers 403 as for any unknown stage).
  if (RESERVED_STAGE_NAMES.includes(name)) return null;
  assertStageName(name);
  const oid = await readRef(opts, stageRef(name));
  return oid ? _readStageCommit(opts, oid) : null;
}

export async function _listStageNames(opts: RepoOptions): Promise<string[]> {
  // Refs another tool wrote under names gitway refuses (refs/stages/HEAD, a.b) are ignored, as git ignores broken ref names.
  return [...(await listRefs(opts, 'refs/stages/')).keys()].map((r) => r.slice('refs/stages/'.length)).filter((n) => stageNameProblem(n) === null);
}

/** Throws unless `oid` is a deployment commit (its tree has api.json). */
export async function _assertDeployment(opts: RepoOptions, oid: string, path = '/deploymentId'): Promise<void> {
  let ok = false;
  try {
    const c = await readCommit(opts, oid);
    ok = (await readTree(opts, c.tree)).some((e) => e.path === 'api.json');
  } catch (err) {
    if (err instanceof CorruptObjectError) throw err; // damaged, not "not a deployment"
    ok = false;
  }
  if (!ok) throw new InvalidParameterError(`Invalid deployment identifier specified: ${oid}`, { path, value: oid });
  // A deleted deployment stays in the history but, as in API Gateway, can serve no stage again.
  if (oid in (await _readDeleted(opts)).deleted) {
    throw new InvalidParameterError(`Invalid deployment identifier specified: ${oid} was deleted`, { path, value: oid });
  }
}

/** A revision that must name a live deployment -> its id; anything else is DeleteDeployment's NotFoundError. */
export async function _resolveLiveDeployment(opts: RepoOptions, rev: string): Promise<string> {
  const notFound = () => new NotFoundError(`Invalid Deployment identifier specified: ${rev}`, { what: 'deployment', name: rev });
  const refuse = (err: unknown): never => {
    throw err instanceof CorruptObjectError ? err : notFound();
  };
  const { oid } = await _resolveRevision(opts, rev).catch(refuse);
  await _assertDeployment(opts, oid).catch(refuse);
  return oid;
}

/**
 * Changes stage `name` by one new stage commit: `change` gets the current state (null
 * if none) and returns the next Stage and a message (or null for no change). The ref
 * moves by compare-and-swap; without `expectedOid` a lost race re-runs `change` on the
 * fresh state, with it the call fails with StageMovedError (the dashboard's
 * "never overwrite a newer state").
 */
export async function _changeStage(
  opts: WriteOptions & { expectedOid?: string | null },
  name: string,
  change: (current: StageState | null, now: string) => { stage: Stage; message: string; keepLastUpdated?: boolean } | null,
): Promise<StageState> {
  assertStageName(name);
  const once = async (): Promise<StageState> => {
    const ref = stageRef(name);
    const tip = await readRef(opts, ref);
    if (opts.expectedOid !== undefined && tip !== opts.expectedOid) {
      throw new StageMovedError(`stage ${name} moved (expected ${opts.expectedOid ?? 'nothing'}, found ${tip ?? 'nothing'}); reload and retry`, {
        ref,
        expected: opts.expectedOid,
        actual: tip,
      });
    }
    const current = tip ? await _readStageCommit(opts, tip) : null;
    const author = await _signature(opts);
    const next = change(current, isoDate(author.timestamp));
    if (!next) return current!;
    // keepLastUpdated: an event that changes no setting (a cache flush) keeps the record as is.
    const stage = stageResource({ ...next.stage, stageName: name, lastUpdatedDate: next.keepLastUpdated ? next.stage.lastUpdatedDate : isoDate(author.timestamp) });
    assertStage(stage);
    await _assertDeployment(opts, stage.deploymentId);
    if (stage.canarySettings?.deploymentId) await _assertDeployment(opts, stage.canarySettings.deploymentId, '/canarySettings/deploymentId');
    const blob = hashObject('blob', Buffer.from(canonicalJson(stage)));
    const tree = hashObject('tree', encodeTree([{ mode: '100644', name: 'stage.json', oid: blob.oid }]));
    const parents = [tip, stage.deploymentId, stage.canarySettings?.deploymentId].filter((p): p is string => !!p);
    const { oid } = await _writeCommit(opts, { ref, expected: tip, tree: tree.oid, parents, message: next.message, objects: [blob, tree], author });
    return {
      stage,
      oid,
      previous: tip,
      message: next.message,
      author: { name: author.name, email: author.email },
      updatedDate: stage.lastUpdatedDate,
    };
  };
  return opts.expectedOid !== undefined ? once() : _retryOnRace(once);
}

/** The stage's states, newest first, by its first-parent history. */
export async function _stageHistory(opts: RepoOptions, name: string, limit = Infinity): Promise<StageState[]> {
  const tip = await readRef(opts, stageRef(name));
  if (!tip) throw stageNotFound(name);
  const out: StageState[] = [];
  let oid: string | null = tip;
  while (oid && out.length < limit) {
    const state = await _readStageCommit(opts, oid);
    out.push(state);
    oid = state.previous;
  }
  return out;
}

/** A canary's deployment revision -> id; API Gateway's "Deployment id does not exist" when it names none. */
export async function _resolveCanaryDeployment(opts: RepoOptions, rev: string): Promise<string> {
  try {
    return (await _resolveRevision(opts, rev)).oid;
  } catch (err) {
    if ((err as { code?: string }).code !== 'NotFoundError') throw err;
    throw new InvalidParameterError('Deployment id does not exist', { path: '/canarySettings/deploymentId', value: rev });
  }
}
