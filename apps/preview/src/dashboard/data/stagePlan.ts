import { applyPatchOperations, assertStage, assertTags, getStage, resolveRevision, type PatchOperation, type Stage, type StageState, type WriteOptions } from '@gitway/core';
import { jsonChanges } from '@gitway/core/internal';
import { toHttpError } from '../errors.js';
import { HttpError } from '../http.js';

/** One changed setting, as the review dialog shows it. */
export interface PlannedChange {
  kind: 'added' | 'removed' | 'changed';
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface StagePlan {
  state: StageState;
  /** The operations with revisions resolved to deployment ids. */
  patchOperations: PatchOperation[];
  /** Tags to set and keys to remove, when the operations are `/tags/{key}` ones. */
  tags?: { tags: Record<string, string>; untagKeys: string[] };
  after: Stage;
  changes: PlannedChange[];
}

/** Paths that are tags (TagResource), not UpdateStage operations. */
const TAG_PATH = /^\/tags\/(.+)$/;
/** Settings that change on every state and say nothing about what the user changed. */
const IGNORED = new Set(['lastUpdatedDate', 'createdDate']);
const settings = (s: Stage) => Object.fromEntries(Object.entries(s).filter(([k]) => !IGNORED.has(k)));

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A whole object added or removed, as one change per setting in it (`methodSettings.*\/*.cacheTtlInSeconds set to 60`). */
function leaves(kind: PlannedChange['kind'], path: string, before: unknown, after: unknown): PlannedChange[] {
  const whole = kind === 'added' ? after : kind === 'removed' ? before : undefined;
  if (!isObject(whole) || Object.keys(whole).length === 0) return [{ kind, path, before, after }];
  return Object.entries(whole).flatMap(([k, v]) => leaves(kind, `${path}.${k}`, kind === 'removed' ? v : undefined, kind === 'added' ? v : undefined));
}

/** The error of operation `index` as a field error: the page shows it next to the field of `op.path`. */
function fieldError(error: unknown, op: PatchOperation, index: number): HttpError {
  const e = toHttpError(error);
  return new HttpError(e.status, e.code, e.message, { field: op.path, opIndex: index });
}

function applyTag(stage: Stage, op: PatchOperation, key: string): Stage {
  const tags = { ...stage.tags };
  if (op.op === 'remove') delete tags[key];
  else if (op.op === 'replace' || op.op === 'add') {
    if (typeof op.value !== 'string') throw new HttpError(400, 'InvalidParameterError', `Patch operation ${op.op} ${op.path} needs a value`);
    tags[key] = op.value;
  } else throw new HttpError(400, 'InvalidParameterError', `Invalid ${op.op} operation with path: ${op.path}`);
  assertTags(tags);
  const next: Stage = { ...stage, tags };
  if (Object.keys(tags).length === 0) delete next.tags;
  return next;
}

/**
 * What `ops` would do to the stage, checked by core's own rules (applyPatchOperations
 * then assertStage after each operation, assertTags for tags) without writing anything.
 * A failing operation is reported with its path and index (`field`, `opIndex`) so that
 * the page puts core's message next to the field. `expectedOid` other than the current
 * state: 409 StageMovedError.
 */
export async function planStageUpdate(repo: WriteOptions, stageName: string, ops: PatchOperation[], expectedOid?: string): Promise<StagePlan> {
  const state = await getStage({ ...repo, stageName });
  if (expectedOid !== undefined && state.oid !== expectedOid) {
    throw new HttpError(409, 'StageMovedError', `stage ${stageName} moved (expected ${expectedOid}, found ${state.oid}); reload and retry`);
  }
  const tagOps = ops.filter((op) => TAG_PATH.test(op.path));
  if (tagOps.length && tagOps.length !== ops.length) {
    throw new HttpError(400, 'InvalidParameterError', 'tags (/tags/{key}) are changed by TagResource and cannot be mixed with other stage settings in one change');
  }
  let after = state.stage;
  const resolved: PatchOperation[] = [];
  for (const [i, op] of ops.entries()) {
    try {
      let next = op;
      if ((op.path === '/deploymentId' || op.path === '/canarySettings/deploymentId') && op.value) {
        next = { ...op, value: (await resolveRevision({ ...repo, rev: op.value })).oid };
      }
      const tag = TAG_PATH.exec(op.path);
      after = tag ? applyTag(after, op, tag[1]) : applyPatchOperations(after, [next]);
      assertStage(after);
      resolved.push(next);
    } catch (error) {
      throw fieldError(error, op, i);
    }
  }
  const changes = jsonChanges(settings(state.stage), settings(after)).flatMap((c) => leaves(c.kind, c.path.join('.'), c.before, c.after));
  const tags = tagOps.length
    ? {
        tags: Object.fromEntries(tagOps.filter((o) => o.op !== 'remove').map((o) => [TAG_PATH.exec(o.path)![1], o.value!])),
        untagKeys: tagOps.filter((o) => o.op === 'remove').map((o) => TAG_PATH.exec(o.path)![1]),
      }
    : undefined;
  return { state, patchOperations: resolved, tags, after, changes };
}
