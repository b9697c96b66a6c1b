import type { Api, Stage } from '../models/types.js';
import type { WriteOptions } from '../models/options.js';
import { _deploy, type DeployResult } from '../commands/_deploy.js';
import { apiToValidate, planApiTree } from './incrementalTree.js';
import { _assertRepo } from '../commands/_repo.js';
import { _changeStage } from '../commands/_stage.js';
import { assertApi, isParsed } from './validateApiModel.js';
import { assertBranchName, assertStageName } from '../models/names.js';
import { assertCanarySettings, assertStage, assertVariables } from '../models/stageRules.js';
import { _readStage } from '../commands/_stage.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';
import { GitwayError } from '../errors/GitwayError.js';
import { newStage, stageFields, type StageCreateOptions } from './createStage.js';
import { deployProblems } from '../models/deployable.js';
import { InvalidDefinitionError } from '../errors/InvalidDefinitionError.js';
import { _recordSource } from '../worktree/sourceRecord.js';
import { shortId } from '../utils/shortId.js';

export interface DeployOptions extends WriteOptions {
  api: Api;
  /** The deployment description (the commit message). */
  description?: string;
  /** Branch to deploy onto; default the current branch (HEAD). */
  branch?: string;
  /** Also point this stage at the deployment (created if missing; an existing stage keeps its settings). */
  stageName?: string;
  /** CreateDeployment's stageDescription: the description of the stage `stageName` (given: set on a new or existing stage). */
  stageDescription?: string;
  /**
   * CreateStage's options for `stageName` (cache cluster, tracing, tags, documentation
   * version): set on the stage whether it is created or exists (tags merge over its tags).
   */
  stageOptions?: Omit<StageCreateOptions, 'description' | 'variables'>;
  /**
   * The definition's text, so a refusal names the line (`api.yaml:12:9: #/paths/...`); it is
   * also recorded as the deployment's source document (`refs/gitway/sources/<id>`), which
   * switch, clone, pull and merge --abort give back byte for byte.
   */
  source?: { text: string; filename: string };
  /** Stage variables to set on `stageName` (merged over the existing ones). */
  variables?: Record<string, string>;
  /** Create a new deployment even when the API equals the branch tip's. */
  allowEmpty?: boolean;
  /**
   * Put the deployment on `stageName`'s canary instead of making it the active one, as
   * create-deployment --canary-settings does (the stage must exist).
   */
  canary?: { percentTraffic: number; stageVariableOverrides?: Record<string, string>; useStageCache?: boolean };
  onProgress?: (done: number, total: number) => void;
}

/**
 * Deploys `api`: one commit on the branch whose tree is the canonical API (one blob per
 * method). Returns API Gateway's Deployment shape `{ id, description, createdDate }`
 * plus what was written, and the stage when `stageName` is given.
 *
 * With `canary`, the deployment goes to the stage's canarySettings (deploymentId,
 * percentTraffic, stageVariableOverrides) and the active deployment stays.
 *
 * @example
 * const d = await deploy({ fs, gitdir, api, description: 'v2', stageName: 'prod' });
 * console.log(d.id.slice(0, 10), d.stage?.deploymentId === d.id);
 * await deploy({ fs, gitdir, api: v3, stageName: 'prod', canary: { percentTraffic: 10 } });
 */
export async function deploy(opts: DeployOptions): Promise<DeployResult & { stage?: Stage }> {
  await _assertRepo(opts);
  // Files equal to the last deployed tree's passed these checks when it was deployed.
  // (A value the plan cannot even walk gets the model's own error.)
  const plan = await planApiTree(opts, opts.api).catch(async (err: unknown) => {
    await assertApi(opts.api);
    throw err;
  });
  const toCheck = apiToValidate(opts.api, plan);
  // A parsed API is valid by construction: the schema is not even loaded for it.
  if (!isParsed(opts.api)) await assertApi(toCheck);
  await assertDeployable(opts, toCheck);
  if (opts.branch !== undefined) assertBranchName(opts.branch);
  assertVariables(opts.variables);
  if (opts.canary) await assertCanaryTarget(opts);
  if (opts.stageName !== undefined) {
    assertStageName(opts.stageName);
    if (!opts.canary) assertNoCanary((await _readStage(opts, opts.stageName))?.stage);
  }
  const settings = { ...stageFields({ ...opts.stageOptions, description: opts.stageDescription }) };
  // Stage settings are checked before the deployment commit is written: a refusal leaves the repository as it was.
  if (opts.stageName !== undefined && Object.keys(settings).length) assertStage({ ...newStage(opts.stageName, '0'.repeat(40), new Date(0).toISOString()), ...settings });
  const result = await _deploy({ ...opts, plan, branchRef: opts.branch ? `refs/heads/${opts.branch}` : undefined });
  if (opts.source) await _recordSource(opts, result.id, opts.source);
  if (opts.stageName === undefined) return result;
  try {
    return { ...result, stage: await moveStage(opts, result, settings) };
  } catch (err) {
    throw partlyDone(err, result, opts.stageName);
  }
}

/**
 * A stage move that failed after the deployment was committed: the same error, its
 * message saying exactly what was done (the deployment, the branch) and what was not.
 */
function partlyDone(err: unknown, result: DeployResult, stageName: string): unknown {
  if (!(err instanceof GitwayError) || !result.created) return err;
  const Ctor = err.constructor as new (message: string, data: Record<string, unknown>) => GitwayError;
  return new Ctor(
    `deployment ${shortId(result.id)} was committed and branch ${result.branch} moved to it, but stage ${stageName} was not moved: ${err.message} (run 'gitway stage update ${stageName} --deployment ${shortId(result.id)}' when fixed)`,
    { ...err.data, done: { deploymentId: result.id, branch: result.branch }, notDone: { stageName } },
  );
}

async function moveStage(opts: DeployOptions, result: DeployResult, settings: ReturnType<typeof stageFields>): Promise<Stage> {
  if (opts.canary) return deployCanary(opts, result);
  const state = await _changeStage(opts, opts.stageName!, (current, now) => {
    const base = current?.stage ?? newStage(opts.stageName!, result.id, now);
    assertNoCanary(current?.stage);
    if (current && current.stage.deploymentId === result.id && !opts.variables && Object.keys(settings).length === 0) return null;
    return {
      stage: {
        ...base,
        ...settings,
        ...(settings.tags ? { tags: { ...base.tags, ...settings.tags } } : {}),
        deploymentId: result.id,
        variables: opts.variables ? { ...base.variables, ...opts.variables } : base.variables,
      },
      message: `${current ? 'deploy' : 'create stage'} ${opts.stageName}: ${shortId(result.id)}${result.description ? ` (${result.description.split('\n')[0]})` : ''}`,
    };
  });
  return state.stage;
}

function canaryStageMissing(name: string | undefined): InvalidParameterError {
  return name
    ? new InvalidParameterError(`Invalid deployment content specified.Stage ${name} must already be created before making a canary release deployment`, { path: '/stageName', value: name })
    : new InvalidParameterError(
        `Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is ${name === '' ? '' : 'null'}`,
        { path: '/stageName', value: name ?? null },
      );
}

/** API Gateway refuses a plain deployment onto a stage whose canary is on (promote or delete it first). */
function assertNoCanary(stage: Stage | undefined): void {
  if (!stage?.canarySettings) return;
  throw new InvalidParameterError(
    `Invalid deployment content specified.Non canary deployment not supported on stage ${stage.stageName} because Canary is enabled. Provide CanarySettings in deploymentInput. ` +
      '(Promote or delete the canary first, or deploy as the canary.)',
    { path: '/stageName', value: stage.stageName, hint: 'promote or delete the canary, or deploy with a canary' },
  );
}

/** API Gateway's deploy-time refusals, before anything is written; the first names its place. */
async function assertDeployable(opts: DeployOptions, toCheck: Api): Promise<void> {
  // Unchanged methods had no problem when deployed; "no methods" is a question about the whole API.
  const problems = deployProblems(toCheck).filter((p) => p.pointer !== '#/paths' || toCheck === opts.api || !hasMethods(opts.api));
  if (problems.length === 0) return;
  const first = problems[0]!;
  let place: { line: number; column: number } | undefined;
  if (opts.source) {
    const { parseText } = await import('../openapi/parseText.js');
    place = parseText(opts.source.text, opts.source.filename).locate(first.pointer);
  }
  const file = opts.source?.filename;
  const at = file ? `${file}${place ? `:${place.line}:${place.column}` : ''}: ` : '';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new InvalidDefinitionError(`${at}${first.pointer}: ${first.message}${more}`, { ...(file ? { file } : {}), pointer: first.pointer, ...place, problems });
}

function hasMethods(api: Api): boolean {
  return Object.values(api.resources).some((r) => Object.keys(r.resourceMethods ?? {}).length > 0);
}

/** Checked before anything is written: API Gateway refuses a canary deployment to a missing stage. */
async function assertCanaryTarget(opts: DeployOptions): Promise<void> {
  assertCanarySettings(opts.canary!);
  if (typeof opts.canary!.percentTraffic !== 'number') throw new InvalidParameterError('Canary percentTraffic must be between 0.0 and 100.0 (got none)', { path: '/canarySettings/percentTraffic', value: undefined });
  if (!opts.stageName || !(await _readStage(opts, opts.stageName))) throw canaryStageMissing(opts.stageName);
}

async function deployCanary(opts: DeployOptions, result: DeployResult): Promise<Stage> {
  const { percentTraffic, stageVariableOverrides, useStageCache } = opts.canary!;
  const state = await _changeStage(opts, opts.stageName!, (current) => {
    if (!current) throw canaryStageMissing(opts.stageName);
    const base = current.stage;
    return {
      stage: {
        ...base,
        variables: opts.variables ? { ...base.variables, ...opts.variables } : base.variables,
        canarySettings: {
          deploymentId: result.id,
          percentTraffic,
          ...(stageVariableOverrides && Object.keys(stageVariableOverrides).length ? { stageVariableOverrides: { ...stageVariableOverrides } } : {}),
          useStageCache: useStageCache ?? false,
        },
      },
      message: `canary ${opts.stageName}: ${shortId(result.id)} at ${percentTraffic}%${result.description ? ` (${result.description.split('\n')[0]})` : ''}`,
    };
  });
  return state.stage;
}
