import type { RepoOptions } from '../models/FsClient.js';
import type { WriteOptions } from '../models/options.js';
import { _readJsonRef, _commitJsonRef } from '../commands/_jsonRef.js';
import { _assertRepo } from '../commands/_repo.js';
import { _retryOnRace } from '../commands/_retry.js';
import { refNameProblem } from '../models/refName.js';
import { InvalidNameError } from '../errors/InvalidNameError.js';
import { readCommit, readJsonBlob, readTree } from '../storage/readObjects.js';
import { readRef } from '../storage/refs.js';
import { shortId } from '../utils/shortId.js';

/** Prefix of the refs that map gitway deployments to API Gateway deployments, one ref per REST API. */
export const AWS_DEPLOYMENTS_REF_PREFIX = 'refs/gitway/aws/';

/** One API Gateway deployment gitway knows: the gitway deployment it holds and when AWS created it. */
export interface AwsDeploymentLink {
  /** The gitway deployment id (commit sha). */
  deploymentId: string;
  /** AWS's createdDate (ISO 8601), when known. */
  createdDate?: string;
}

/** AWS deployment id -> the gitway deployment it holds, for one REST API. */
export type AwsDeploymentMap = Record<string, AwsDeploymentLink>;

/** Why `restApiId` cannot name a record ref (null when it can): API Gateway ids are letters and digits. */
export function restApiIdProblem(restApiId: string): string | null {
  return typeof restApiId === 'string' && /^[A-Za-z0-9]{1,64}$/.test(restApiId) ? null : 'API Gateway ids are letters and digits';
}

/**
 * The ref holding the deployment map of REST API `restApiId` (`refs/gitway/aws/<id>`).
 * Ids are API Gateway's (10 lower-case letters and digits); anything else that is not
 * letters and digits is InvalidNameError before it reaches a path.
 *
 * @example
 * awsDeploymentsRef('a1b2c3d4e5'); // 'refs/gitway/aws/a1b2c3d4e5'
 */
export function awsDeploymentsRef(restApiId: string): string {
  const ref = `${AWS_DEPLOYMENTS_REF_PREFIX}${restApiId}`;
  if (restApiIdProblem(restApiId) || refNameProblem(ref)) {
    throw new InvalidNameError(`invalid rest-api-id '${String(restApiId).slice(0, 80)}': API Gateway ids are letters and digits`, { name: restApiId });
  }
  return ref;
}

/**
 * Which API Gateway deployments of REST API `restApiId` hold which gitway deployment, as
 * recorded by `gitway aws push`/`pull` (`{}` when nothing was recorded).
 *
 * @example
 * const map = await getAwsDeployments({ fs, gitdir, restApiId: 'a1b2c3d4e5' });
 * for (const [awsId, { deploymentId }] of Object.entries(map)) console.log(awsId, '->', deploymentId.slice(0, 10));
 */
export async function getAwsDeployments(opts: RepoOptions & { restApiId: string }): Promise<AwsDeploymentMap> {
  await _assertRepo(opts);
  return (await _readJsonRef<AwsDeploymentMap>(opts, awsDeploymentsRef(opts.restApiId), 'deployments.json')).value;
}

/**
 * Records that API Gateway deployments hold gitway deployments: one commit on
 * `refs/gitway/aws/<restApiId>` (compare-and-swap, retried on a lost race) whose tree is
 * `deployments.json` and whose parents keep the gitway deployments reachable. Links
 * already recorded with the same deployment are not recorded again (no commit when
 * nothing is new). Returns the whole map.
 *
 * @example
 * await recordAwsDeployments({ fs, gitdir, restApiId: 'a1b2c3d4e5', links: { x7k2p9q4m1: { deploymentId: d.id } } });
 */
export async function recordAwsDeployments(opts: WriteOptions & { restApiId: string; links: AwsDeploymentMap }): Promise<AwsDeploymentMap> {
  await _assertRepo(opts);
  const ref = awsDeploymentsRef(opts.restApiId);
  return _retryOnRace(async () => {
    const { tip, value } = await _readJsonRef<AwsDeploymentMap>(opts, ref, 'deployments.json');
    const fresh = Object.entries(opts.links).filter(([awsId, link]) => value[awsId]?.deploymentId !== link.deploymentId);
    if (!fresh.length) return value;
    const next = { ...value, ...Object.fromEntries(fresh) };
    await _commitJsonRef(opts, {
      ref,
      file: 'deployments.json',
      tip,
      value: () => next,
      keep: [...new Set(fresh.map(([, l]) => l.deploymentId))],
      message: `aws ${opts.restApiId}: ${fresh.map(([awsId, l]) => `${awsId} = ${l.deploymentId.slice(0, 10)}`).join(', ')}`,
    });
    return next;
  });
}

async function linksAt(opts: RepoOptions, commit: string): Promise<AwsDeploymentMap> {
  const entry = (await readTree(opts, (await readCommit(opts, commit)).tree)).find((e) => e.path === 'deployments.json');
  return entry ? readJsonBlob<AwsDeploymentMap>(opts, entry.oid) : {};
}

/**
 * Joins two histories of one REST API's links (pull found `ours` and `theirs` diverged: two
 * people pushed): a commit with both as parents holding every link of both, ours winning
 * on the same AWS id (which cannot really differ: an AWS id is one deployment). Moves
 * `ref` from `ours` by compare-and-swap; returns the new tip.
 */
export async function _mergeAwsDeployments(opts: WriteOptions, ref: string, ours: string, theirs: string): Promise<string> {
  const value = { ...(await linksAt(opts, theirs)), ...(await linksAt(opts, ours)) };
  await _commitJsonRef(opts, { ref, file: 'deployments.json', tip: ours, value: () => value, keep: [theirs], message: `merge ${ref.slice(AWS_DEPLOYMENTS_REF_PREFIX.length)} links from ${shortId(theirs)}` });
  return (await readRef(opts, ref))!;
}
