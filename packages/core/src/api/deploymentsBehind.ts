import type { RepoOptions } from '../models/FsClient.js';
import { _readDeleted } from '../commands/_deleted.js';
import { repoOf } from '../storage/Repo.js';
import { NotFoundError } from '../errors/NotFoundError.js';

/**
 * How many deployments `id` is behind `tip` on the tip's line (first parents, deleted
 * deployments not counted, as `log` lists them): 0 when it is the tip, null when it is
 * not on that line. The walk stops where `id`'s own history begins, so it reads the
 * deployments in between, not the whole line.
 *
 * @example
 * await deploymentsBehind({ fs, gitdir, tip: mainTip, id: prodDeploymentId }); // 2
 */
export async function deploymentsBehind(opts: RepoOptions & { tip: string; id: string }): Promise<number | null> {
  const repo = repoOf(opts);
  const { deleted } = await _readDeleted(opts);
  if (deleted[opts.id]) return null;
  let parents: string[];
  try {
    parents = (await repo.readCommit(opts.id)).parents;
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
  let behind = 0;
  for await (const c of repo.walk({ include: [opts.tip], exclude: parents, firstParent: true })) {
    if (c.oid === opts.id) return behind;
    if (!deleted[c.oid]) behind++;
  }
  return null;
}
