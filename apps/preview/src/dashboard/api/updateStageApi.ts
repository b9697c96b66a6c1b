import { changeStageTags, updateStage, type PatchOperation } from '@gitway/core';
import type { RouteContext } from '../context.js';
import { planStageUpdate } from '../data/stagePlan.js';
import { HttpError, readJsonBody } from '../http.js';

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);
const OID = /^[0-9a-f]{40}$/;

const bad = (message: string) => new HttpError(400, 'InvalidParameterError', message);

/** Checks the body's shape (`{patchOperations, expectedOid}`); the values are core's to judge. */
export function parseUpdateBody(body: unknown): { patchOperations: PatchOperation[]; expectedOid: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw bad('expected {"patchOperations": [...], "expectedOid": "<stage commit>"}');
  const { patchOperations, expectedOid } = body as Record<string, unknown>;
  if (typeof expectedOid !== 'string' || !OID.test(expectedOid)) throw bad('expectedOid must be the 40-hex stage commit the change is based on (GET /_gitway/api/stages/{name} gives it as "oid")');
  if (!Array.isArray(patchOperations) || patchOperations.length === 0 || patchOperations.length > 200) throw bad('patchOperations must be a list of 1-200 operations');
  const ops = patchOperations.map((raw, i): PatchOperation => {
    const op = raw as Record<string, unknown>;
    if (op === null || typeof op !== 'object' || typeof op.op !== 'string' || !OPS.has(op.op) || typeof op.path !== 'string') {
      throw bad(`patchOperations[${i}] must be {"op": "replace"|"add"|"remove"|..., "path": "/...", "value"?: "..."}`);
    }
    if (op.value !== undefined && typeof op.value !== 'string') throw bad(`patchOperations[${i}].value must be a string`);
    if (op.from !== undefined && typeof op.from !== 'string') throw bad(`patchOperations[${i}].from must be a string`);
    return { op: op.op as PatchOperation['op'], path: op.path, value: op.value as string | undefined, from: op.from as string | undefined };
  });
  return { patchOperations: ops, expectedOid };
}

/**
 * POST /_gitway/api/stages/{name}/plan with `{patchOperations, expectedOid}`: what the
 * change would do (`changes`: before -> after per setting, `patchOperations` with
 * revisions resolved), validated by core's rules, nothing written. A bad value answers
 * core's error with `field` (the patch path) and `opIndex`.
 */
export async function planStageApi({ ctx, params, req }: RouteContext): Promise<unknown> {
  const { patchOperations, expectedOid } = parseUpdateBody(await readJsonBody(req));
  const plan = await planStageUpdate(ctx.repo, params[0], patchOperations, expectedOid);
  return { patchOperations: plan.patchOperations, changes: plan.changes, stage: plan.after };
}

/**
 * POST /_gitway/api/stages/{name} with `{patchOperations, expectedOid}`: one new stage
 * commit (core's updateStage, or tagStage for `/tags/{key}` operations),
 * compare-and-swap on `expectedOid` (a stage moved meanwhile -> 409 StageMovedError,
 * nothing written). Answers the new Stage plus its `oid`.
 */
export async function updateStageApi({ ctx, params, req }: RouteContext): Promise<unknown> {
  const stageName = params[0];
  const { patchOperations, expectedOid } = parseUpdateBody(await readJsonBody(req));
  const plan = await planStageUpdate(ctx.repo, stageName, patchOperations, expectedOid);
  if (plan.tags) {
    const state = await changeStageTags({ ...ctx.repo, stageName, ...plan.tags, expectedOid });
    return { ...state.stage, oid: state.oid };
  }
  // The state the write made (not a re-read: another writer may have moved the stage since).
  const state = await updateStage({ ...ctx.repo, stageName, patchOperations, expectedOid });
  return { ...state.stage, oid: state.oid };
}
