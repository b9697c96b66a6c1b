import {
  APIGatewayClient, CreateDeploymentCommand, CreateStageCommand, GetDeploymentsCommand, GetExportCommand, GetRestApiCommand, GetStageCommand,
  GetStagesCommand, PutRestApiCommand, TagResourceCommand, UntagResourceCommand, UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { Errors } from '@gitway/core';
import { AwsCallError } from './errors/AwsCallError.js';
import { AwsCredentialsError } from './errors/AwsCredentialsError.js';

/** Where API Gateway is: the SDK's usual configuration, each part optional. */
export interface AwsTarget {
  region?: string;
  /** A profile of the shared config/credentials files (else AWS_PROFILE, else default). */
  profile?: string;
  /** Another endpoint than AWS's (LocalStack, moto, `gitway serve`). */
  endpointUrl?: string;
  /** Attempts per call, throttling (429) and 5xx retried with the SDK's backoff; default 5. */
  maxAttempts?: number;
}

/**
 * An API Gateway client with credentials and region from the SDK's standard chain
 * (environment, shared config and credentials files, profiles, SSO, instance roles).
 * Credentials are never printed: gitway only ever passes the provider to the SDK.
 */
export function createApiGatewayClient(target: AwsTarget = {}): APIGatewayClient {
  return new APIGatewayClient({
    ...(target.region ? { region: target.region } : {}),
    ...(target.profile ? { profile: target.profile } : {}),
    ...(target.endpointUrl ? { endpoint: target.endpointUrl } : {}),
    credentials: fromNodeProviderChain(target.profile ? { profile: target.profile } : {}),
    maxAttempts: target.maxAttempts ?? 5,
    retryMode: 'standard',
  });
}

const COMMANDS = {
  GetRestApi: GetRestApiCommand,
  GetStage: GetStageCommand,
  GetStages: GetStagesCommand,
  GetDeployments: GetDeploymentsCommand,
  GetExport: GetExportCommand,
  PutRestApi: PutRestApiCommand,
  CreateDeployment: CreateDeploymentCommand,
  CreateStage: CreateStageCommand,
  UpdateStage: UpdateStageCommand,
  TagResource: TagResourceCommand,
  UntagResource: UntagResourceCommand,
} as const;

export type Operation = keyof typeof COMMANDS;

/**
 * Sends one API Gateway call; every failure becomes one gitway error with a code:
 * AwsCredentialsError, InvalidParameterError (no region), AwsCallError (AWS's exception
 * type and message, or the endpoint unreachable).
 */
export async function send(client: APIGatewayClient, operation: Operation, input: Record<string, unknown>): Promise<any> {
  const Command = COMMANDS[operation] as unknown as new (input: unknown) => Parameters<APIGatewayClient['send']>[0];
  try {
    return await client.send(new Command(input));
  } catch (err) {
    throw awsError(operation, err);
  }
}

/** `err` from the SDK as a gitway error (see `send`). */
export function awsError(operation: string, err: unknown): Error {
  const e = err as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number }; $fault?: string };
  const message = String(e?.message ?? err).split('\n')[0]!;
  if (e?.name === 'CredentialsProviderError' || /Could not load credentials|credential/i.test(e?.name ?? '')) {
    return new AwsCredentialsError(`no AWS credentials found (environment, shared config/credentials files, profile, SSO): ${message}`, {});
  }
  if (/Region is missing/i.test(message)) {
    return new Errors.InvalidParameterError('no AWS region: pass --region or set AWS_REGION (or a region in the profile)', { path: 'region', value: null });
  }
  const status = e?.$metadata?.httpStatusCode;
  if (status !== undefined || e?.$fault) {
    return new AwsCallError(`${operation}: ${e.name ?? 'Error'}${status ? ` (${status})` : ''}: ${message}`, { operation, awsType: e.name, status, awsMessage: message });
  }
  const reason = e?.code ?? e?.name ?? 'Error';
  return new AwsCallError(`${operation}: cannot reach API Gateway (${reason}: ${message})`, { operation, awsType: null, status: null, awsMessage: message });
}
