import type { Api, PatchOperation, Stage } from '@gitway/core';

/**
 * API Gateway's control-plane operations the conformance scenarios call, with AWS's
 * input and output shapes. One implementation calls @gitway/core in-process
 * (coreOperations.ts); another can call the AWS SDK against `gitway serve` — the
 * scenarios do not change.
 *
 * A failure rejects with an {@link AwsError}: AWS's exception type and message.
 */
export interface ApiGatewayOperations {
  /** PutRestApi (mode overwrite): the definition the next CreateDeployment snapshots. */
  putRestApi(api: Api): Promise<void>;
  createDeployment(input: CreateDeploymentInput): Promise<DeploymentShape>;
  getDeployment(deploymentId: string): Promise<DeploymentShape>;
  getDeployments(): Promise<{ items: DeploymentShape[] }>;
  deleteDeployment(deploymentId: string): Promise<void>;
  createStage(input: CreateStageInput): Promise<Stage>;
  getStage(stageName: string): Promise<Stage>;
  getStages(input?: { deploymentId?: string }): Promise<{ item: Stage[] }>;
  updateStage(stageName: string, patchOperations: PatchOperation[]): Promise<Stage>;
  deleteStage(stageName: string): Promise<void>;
  /** The data plane: GET `path` on the stage; the JSON body parsed. */
  invoke(stageName: string, path: string): Promise<{ status: number; body: unknown }>;
}

export interface CanarySettingsInput {
  deploymentId?: string;
  percentTraffic?: number;
  stageVariableOverrides?: Record<string, string>;
  useStageCache?: boolean;
}

export interface CreateDeploymentInput {
  stageName?: string;
  stageDescription?: string;
  description?: string;
  variables?: Record<string, string>;
  canarySettings?: CanarySettingsInput;
}

export interface CreateStageInput {
  stageName: string;
  deploymentId: string;
  description?: string;
  variables?: Record<string, string>;
  canarySettings?: CanarySettingsInput;
  documentationVersion?: string;
  tags?: Record<string, string>;
}

/** API Gateway's Deployment resource. */
export interface DeploymentShape {
  id: string;
  description?: string;
  createdDate: string;
}

/** A refused call as AWS reports it: `Error.Code` and `message`. */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}
