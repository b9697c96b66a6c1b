import type { RepoOptions } from '../models/FsClient.js';
import type { WriteOptions } from '../models/options.js';
import type { DeploymentInfo } from './log.js';
import { listRefs } from '../storage/refs.js';
import { deploymentInfo, readCommit } from '../storage/readObjects.js';
import { _commitJsonRef } from '../commands/_jsonRef.js';
import { _listStageNames, _readStage, _resolveLiveDeployment } from '../commands/_stage.js';
import { _assertRepo } from '../commands/_repo.js';
import { _retryOnRace } from '../commands/_retry.js';
import { ConflictError } from '../errors/ConflictError.js';
import { DELETED_DEPLOYMENTS_REF, _readDeleted as readDeleted, _readDescriptions, withDescription, type DeletedDeployments } from '../commands/_deleted.js';
import { NotFoundError } from '../errors/NotFoundError.js';
import { shortId } from '../utils/shortId.js';

export { DELETED_DEPLOYMENTS_REF, type DeletedDeployments } from '../commands/_deleted.js';

/**
 * The deleted deployments (id -> deletedDate). Deleted deployments are hidden from `log`
 * and `listDeployments` but stay in the history and still resolve.
 *
 * @example
 * const deleted = await getDeletedDeployments({ fs, gitdir });
 * if (id in deleted) console.log('deleted on', deleted[id].deletedDate);
 */
export async function getDeletedDeployments(opts: RepoOptions): Promise<DeletedDeployments> {
  return (await readDeleted(opts)).deleted;
}

/**
 * DeleteDeployment. Refused with ConflictError ("Active stages pointing to this deployment
 * must be moved or deleted", data.stages) while a stage serves it as its deploymentId or
 * canarySettings.deploymentId. Deployments are immutable history: deletion is recorded
 * as a new commit on refs/gitway/deleted-deployments (compare-and-swap), whose parents
 * keep the deployment reachable. Unknown or already deleted -> NotFoundError.
 *
 * @example
 * await deleteDeployment({ fs, gitdir, deploymentId: '3f9a2c71d0' });
 */
export async function deleteDeployment(opts: WriteOptions & { deploymentId: string }): Promise<{ id: string; deletedDate: string }> {
  await _assertRepo(opts);
  const oid = await _resolveLiveDeployment(opts, opts.deploymentId);
  return _retryOnRace(async () => {
    const { tip, deleted } = await readDeleted(opts);
    // Deleted by another process since: the same answer as for any unknown id.
    if (deleted[oid]) throw new NotFoundError(`Invalid Deployment identifier specified: ${opts.deploymentId}`, { what: 'deployment', name: opts.deploymentId });
    const stages: string[] = [];
    for (const name of await _listStageNames(opts)) {
      const s = (await _readStage(opts, name))?.stage;
      if (s && (s.deploymentId === oid || s.canarySettings?.deploymentId === oid)) stages.push(name);
    }
    if (stages.length) {
      throw new ConflictError('Active stages pointing to this deployment must be moved or deleted', { deploymentId: oid, stages });
    }
    const deletedDate = await _commitJsonRef(opts, {
      ref: DELETED_DEPLOYMENTS_REF,
      file: 'deleted.json',
      tip,
      value: (deletedDate) => ({ ...deleted, [oid]: { deletedDate } }),
      keep: [oid],
      message: `delete deployment ${shortId(oid)}`,
    });
    return { id: oid, deletedDate };
  });
}

/**
 * GetDeployments: every deployment reachable from a branch, newest first (by date; within
 * one second, a descendant before its ancestors, then by id), without the deleted ones
 * unless `includeDeleted` (those carry `deleted: true`).
 *
 * @example
 * for (const d of await listDeployments({ fs, gitdir })) console.log(d.id.slice(0, 10), d.description);
 */
export async function listDeployments(
  opts: RepoOptions & { includeDeleted?: boolean; limit?: number },
): Promise<(DeploymentInfo & { deleted?: boolean })[]> {
  await _assertRepo(opts);
  const deleted = await getDeletedDeployments(opts);
  const { descriptions } = await _readDescriptions(opts);
  const seen = new Set<string>();
  const parentsOf = new Map<string, string[]>();
  const out: (DeploymentInfo & { deleted?: boolean })[] = [];
  const queue = [...(await listRefs(opts, 'refs/heads/')).values()];
  while (queue.length) {
    const oid = queue.pop()!;
    if (seen.has(oid)) continue;
    seen.add(oid);
    const c = await readCommit(opts, oid);
    queue.push(...c.parents);
    parentsOf.set(oid, c.parents);
    if (deleted[oid] && !opts.includeDeleted) continue;
    out.push({ ...withDescription(deploymentInfo(c), descriptions), ...(deleted[oid] ? { deleted: true } : {}) });
  }
  // Commit dates have one-second resolution: deployments made within one second are
  // ordered by their generation (distance from the root), so history order decides.
  const generation = generations(parentsOf);
  out.sort((a, b) =>
    a.createdDate !== b.createdDate ? (a.createdDate < b.createdDate ? 1 : -1) : generation.get(b.id)! - generation.get(a.id)! || (a.id < b.id ? -1 : 1),
  );
  return out.slice(0, opts.limit ?? Infinity);
}

/** 1 + the longest parent chain of each commit (iterative: histories can be deep). */
function generations(parentsOf: Map<string, string[]>): Map<string, number> {
  const gen = new Map<string, number>();
  for (const start of parentsOf.keys()) {
    const stack = [start];
    while (stack.length) {
      const oid = stack[stack.length - 1];
      if (gen.has(oid)) {
        stack.pop();
        continue;
      }
      const pending = (parentsOf.get(oid) ?? []).filter((p) => !gen.has(p));
      if (pending.length) stack.push(...pending);
      else {
        stack.pop();
        gen.set(oid, 1 + Math.max(0, ...(parentsOf.get(oid) ?? []).map((p) => gen.get(p) ?? 0)));
      }
    }
  }
  return gen;
}
