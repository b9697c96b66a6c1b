import type { RepoOptions } from '../models/FsClient.js';
import type { Api } from '../models/types.js';
import { _resolveRevision, type ResolvedRevision } from '../commands/_revision.js';
import { _assertRepo, _currentBranchRef } from '../commands/_repo.js';
import { _readDeleted, _readDescriptions, withDescription } from '../commands/_deleted.js';
import { readRef } from '../storage/refs.js';
import { deploymentInfo, readApiTree, readCommit } from '../storage/readObjects.js';
import type { Deployment } from '../commands/_deploy.js';

export type { Deployment, ResolvedRevision };

export interface DeploymentInfo extends Deployment {
  parents: string[];
  author: { name: string; email: string };
  /** True for a deployment deleted with deleteDeployment (it still resolves). */
  deleted?: boolean;
}

/**
 * Resolves a revision (id prefix, branch, stage, HEAD, rev~N, stage@{N}) to a
 * deployment id. Unknown -> NotFoundError listing what exists; ambiguous ->
 * AmbiguousRevisionError listing the candidates.
 *
 * @example
 * const { oid } = await resolveRevision({ fs, gitdir, rev: 'prod@{1}' });
 */
export async function resolveRevision(opts: RepoOptions & { rev: string }): Promise<ResolvedRevision> {
  await _assertRepo(opts);
  return _resolveRevision(opts, opts.rev);
}

/**
 * Deployments on the line of `rev` (default HEAD), newest first, following first
 * parents: API Gateway's Deployment shape plus parents and author. Deleted deployments
 * (deleteDeployment) are skipped.
 *
 * @example
 * const items = await log({ fs, gitdir, rev: 'main', depth: 10 });
 */
export async function log(opts: RepoOptions & { rev?: string; depth?: number }): Promise<DeploymentInfo[]> {
  await _assertRepo(opts);
  let oid: string | null | undefined;
  if (opts.rev === undefined) oid = await readRef(opts, await _currentBranchRef(opts));
  else oid = (await _resolveRevision(opts, opts.rev)).oid;
  const out: DeploymentInfo[] = [];
  const depth = opts.depth ?? Infinity;
  const { deleted } = await _readDeleted(opts);
  const { descriptions } = await _readDescriptions(opts);
  while (oid && out.length < depth) {
    const c = await readCommit(opts, oid);
    if (deleted[oid]) {
      oid = c.parents[0];
      continue;
    }
    out.push(withDescription(deploymentInfo(c), descriptions));
    oid = c.parents[0];
  }
  return out;
}

/**
 * The API snapshot of a deployment (any revision) with its Deployment record.
 *
 * @example
 * const { api, id } = await readDeployment({ fs, gitdir, rev: 'prod' });
 */
export async function readDeployment(opts: RepoOptions & { rev: string }): Promise<DeploymentInfo & { api: Api }> {
  await _assertRepo(opts);
  const { oid } = await _resolveRevision(opts, opts.rev);
  const c = await readCommit(opts, oid);
  const api = await readApiTree(opts, c.tree);
  const deleted = oid in (await _readDeleted(opts)).deleted;
  const { descriptions } = await _readDescriptions(opts);
  return { ...(deleted ? { deleted } : {}), ...withDescription(deploymentInfo(c), descriptions), api };
}
