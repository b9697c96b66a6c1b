import { getStages, listBranches, log, type BranchInfo, type DeploymentInfo, type WriteOptions } from '@gitway/core';
import { HttpError } from '../http.js';

export interface DeploymentLog {
  branch: string;
  branches: BranchInfo[];
  items: DeploymentInfo[];
  /** Deployment id -> names of the stages serving it. */
  stagesById: Map<string, string[]>;
}

/**
 * Deployments on `branch` (default: the current branch), newest first, with the stages
 * serving each. A branch with no deployment yet has an empty list.
 */
export async function deploymentLog(repo: WriteOptions, branch: string | undefined, depth = 100): Promise<DeploymentLog> {
  const branches = await listBranches(repo);
  const name = branch ?? branches.find((b) => b.current)?.name ?? 'main';
  const tip = branches.find((b) => b.name === name);
  if (!tip) throw new HttpError(404, 'NotFoundError', `no branch named '${name}' (branches: ${branches.map((b) => b.name).join(', ')})`);
  const items = tip.id === null ? [] : await log({ ...repo, rev: tip.id, depth });
  const stagesById = new Map<string, string[]>();
  for (const s of await getStages(repo)) {
    stagesById.set(s.deploymentId, [...(stagesById.get(s.deploymentId) ?? []), s.stageName]);
  }
  return { branch: name, branches, items, stagesById };
}
