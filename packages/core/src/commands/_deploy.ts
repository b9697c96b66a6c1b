import type { Api } from '../models/types.js';
import type { WriteOptions } from '../models/options.js';
import { readRef } from '../storage/refs.js';
import { readCommit } from '../storage/readObjects.js';
import { planApiTree, recordApiTree, type ApiTreePlan } from '../api/incrementalTree.js';
import { isoDate } from './_author.js';
import { _writeCommit } from './_writeCommit.js';
import { _retryOnRace } from './_retry.js';
import { _currentBranchRef } from './_repo.js';
import { _readDeleted } from './_deleted.js';

export interface Deployment {
  /** The deployment id: the commit sha. */
  id: string;
  /** Absent when the deployment has none, as in API Gateway. */
  description?: string;
  /** ISO 8601 */
  createdDate: string;
}

export interface DeployResult extends Deployment {
  /** False when the API equals the branch tip's and that deployment was reused. */
  created: boolean;
  /** Tree hash of the API snapshot. */
  tree: string;
  branch: string;
  /** Objects written (blobs, trees, commit). */
  objectsWritten: number;
}

/**
 * Commits `api` onto `branchRef` (default: HEAD's branch) as a deployment. Identical
 * content gives the identical tree; if the tip already holds it, the tip is reused
 * unless `allowEmpty`. The branch moves by compare-and-swap; a lost race rebuilds the
 * commit on the new tip.
 */
export async function _deploy(
  opts: WriteOptions & { api: Api; plan?: ApiTreePlan; description?: string; branchRef?: string; allowEmpty?: boolean; onProgress?: (done: number, total: number) => void },
): Promise<DeployResult> {
  // The tree is patched from the last deployed one (incrementalTree.ts): only changed files are serialized.
  const plan = opts.plan ?? (await planApiTree(opts, opts.api));
  const branchRef = opts.branchRef ?? (await _currentBranchRef(opts));
  const description = opts.description ?? '';
  return _retryOnRace(async () => {
    const tip = await readRef(opts, branchRef);
    const tipCommit = tip ? await readCommit(opts, tip) : null;
    // A deleted tip is not reused: API Gateway creates a new deployment.
    if (tipCommit && tipCommit.tree === plan.tree && !opts.allowEmpty && !(tip! in (await _readDeleted(opts)).deleted)) {
      const tipDescription = tipCommit.message.replace(/\n$/, '');
      await recordApiTree(opts, plan);
      return {
        id: tip!,
        ...(tipDescription ? { description: tipDescription } : {}),
        createdDate: isoDate(tipCommit.author.timestamp),
        created: false,
        tree: plan.tree,
        branch: branchRef.replace(/^refs\/heads\//, ''),
        objectsWritten: 0,
      };
    }
    // Objects stored already are skipped by Repo.write (the one rule of every writer).
    const objects = plan.objects;
    opts.onProgress?.(0, objects.length + 1);
    const { oid, author, objectsWritten } = await _writeCommit(opts, { ref: branchRef, expected: tip, tree: plan.tree, parents: tip ? [tip] : [], message: description, objects });
    opts.onProgress?.(objects.length + 1, objects.length + 1);
    await recordApiTree(opts, plan);
    return {
      id: oid,
      ...(description ? { description } : {}),
      createdDate: isoDate(author.timestamp),
      created: true,
      tree: plan.tree,
      branch: branchRef.replace(/^refs\/heads\//, ''),
      objectsWritten,
    };
  });
}
