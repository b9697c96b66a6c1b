import type { Api, Stage } from '../models/types.js';
import type { WriteOptions } from '../models/options.js';
import { _deploy, type DeployResult } from '../commands/_deploy.js';
import { _assertRepo } from '../commands/_repo.js';
import { _changeStage } from '../commands/_stage.js';
import { assertApi } from './validateApiModel.js';
import { assertBranchName } from '../models/names.js';
import { assertVariables } from '../models/stageRules.js';
import { newStage } from './createStage.js';

export interface DeployOptions extends WriteOptions {
  api: Api;
  /** The deployment description (the commit message). */
  description?: string;
  /** Branch to deploy onto; default the current branch (HEAD). */
  branch?: string;
  /** Also point this stage at the deployment (created if missing; an existing stage keeps its settings). */
  stageName?: string;
  /** Stage variables to set on `stageName` (merged over the existing ones). */
  variables?: Record<string, string>;
  /** Create a new deployment even when the API equals the branch tip's. */
  allowEmpty?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Deploys `api`: one commit on the branch whose tree is the canonical API (one blob per
 * method). Returns API Gateway's Deployment shape `{ id, description, createdDate }`
 * plus what was written, and the stage when `stageName` is given.
 *
 * @example
 * const d = await deploy({ fs, gitdir, api, description: 'v2', stageName: 'prod' });
 * console.log(d.id.slice(0, 10), d.stage?.deploymentId === d.id);
 */
export async function deploy(opts: DeployOptions): Promise<DeployResult & { stage?: Stage }> {
  await _assertRepo(opts);
  assertApi(opts.api);
  if (opts.branch !== undefined) assertBranchName(opts.branch);
  assertVariables(opts.variables);
  if (opts.stageName !== undefined) {
    const { assertStageName } = await import('../models/names.js');
    assertStageName(opts.stageName);
  }
  const result = await _deploy({ ...opts, branchRef: opts.branch ? `refs/heads/${opts.branch}` : undefined });
  if (opts.stageName === undefined) return result;
  const state = await _changeStage(opts, opts.stageName, (current, now) => {
    const base = current?.stage ?? newStage(opts.stageName!, result.id, now);
    if (current && current.stage.deploymentId === result.id && !opts.variables) return null;
    return {
      stage: { ...base, deploymentId: result.id, variables: opts.variables ? { ...base.variables, ...opts.variables } : base.variables },
      message: `${current ? 'deploy' : 'create stage'} ${opts.stageName}: ${result.id.slice(0, 10)}${result.description ? ` (${result.description.split('\n')[0]})` : ''}`,
    };
  });
  return { ...result, stage: state.stage };
}
