import type { WriteOptions } from '../models/options.js';
import type { PatchOperation } from '../models/patchOperations.js';
import type { Deployment } from '../commands/_deploy.js';
import { _assertRepo } from '../commands/_repo.js';
import { _resolveLiveDeployment } from '../commands/_stage.js';
import { _retryOnRace } from '../commands/_retry.js';
import { _commitJsonRef } from '../commands/_jsonRef.js';
import { DEPLOYMENT_DESCRIPTIONS_REF, _readDescriptions, withDescription } from '../commands/_deleted.js';
import { deploymentInfo, readCommit } from '../storage/readObjects.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';
import { shortId } from '../utils/shortId.js';

/**
 * UpdateDeployment: changes a deployment's description (`replace /description`, or
 * `remove /description`). The deployment is a commit and keeps its id: the new description
 * is recorded beside the history (ref refs/gitway/deployment-descriptions, one commit per
 * change that keeps the deployment reachable), and log, readDeployment and
 * listDeployments show it. Returns the Deployment resource.
 *
 * @example
 * await updateDeployment({ fs, gitdir, deploymentId: '3f9a2c71d0', patchOperations: [{ op: 'replace', path: '/description', value: 'v2, reviewed' }] });
 */
export async function updateDeployment(opts: WriteOptions & { deploymentId: string; patchOperations: PatchOperation[] }): Promise<Deployment> {
  await _assertRepo(opts);
  const oid = await _resolveLiveDeployment(opts, opts.deploymentId);
  let description: string | undefined;
  let changed = false;
  for (const op of opts.patchOperations ?? []) {
    if (op?.path !== '/description' || (op.op !== 'replace' && op.op !== 'remove')) {
      throw new InvalidParameterError(`Invalid patch path ${op?.path}: UpdateDeployment takes replace or remove /description`, { path: op?.path, value: op?.value });
    }
    if (op.op === 'replace' && (typeof op.value !== 'string' || op.value.length > 1024)) {
      throw new InvalidParameterError('description must be a string of at most 1024 characters', { path: '/description', value: op.value });
    }
    description = op.op === 'replace' ? op.value : undefined;
    changed = true;
  }
  if (!changed) throw new InvalidParameterError('nothing to update: give replace /description', { path: '/description', value: null });
  await _retryOnRace(async () => {
    const { tip, descriptions } = await _readDescriptions(opts);
    await _commitJsonRef(opts, {
      ref: DEPLOYMENT_DESCRIPTIONS_REF,
      file: 'descriptions.json',
      tip,
      value: () => ({ ...descriptions, [oid]: description ?? '' }),
      keep: [oid],
      message: `describe deployment ${shortId(oid)}`,
    });
  });
  const info = withDescription(deploymentInfo(await readCommit(opts, oid)), { [oid]: description ?? '' });
  return { id: info.id, ...(info.description ? { description: info.description } : {}), createdDate: info.createdDate };
}
