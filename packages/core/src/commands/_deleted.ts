import type { RepoOptions } from '../models/FsClient.js';
import { readRef } from '../storage/refs.js';
import { readCommit, readJsonBlob, readTree } from '../storage/readObjects.js';

/** The ref whose commit's `deleted.json` lists the deleted deployments (see docs/DESIGN.md). */
export const DELETED_DEPLOYMENTS_REF = 'refs/gitway/deleted-deployments';

/** Deleted deployment id -> when it was deleted. */
export type DeletedDeployments = Record<string, { deletedDate: string }>;

export async function _readDeleted(opts: RepoOptions): Promise<{ tip: string | null; deleted: DeletedDeployments }> {
  const tip = await readRef(opts.fs, opts.gitdir, DELETED_DEPLOYMENTS_REF);
  if (!tip) return { tip, deleted: {} };
  const entry = (await readTree(opts, (await readCommit(opts, tip)).tree)).find((e) => e.path === 'deleted.json');
  return { tip, deleted: entry ? await readJsonBlob<DeletedDeployments>(opts, entry.oid) : {} };
}

