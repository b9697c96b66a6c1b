import type { ClientCertificateMaterial, GatewayRequest, GatewayResponse, TestInvokeRequest, TestInvokeResult } from '@gitway/runtime';
import type { Api, Stage } from '@gitway/core';
import type { ApiDelta } from './snapshotDelta.js';

/** What a stage worker is started with (workerData): everything createGateway needs that can cross threads. */
export interface StageWorkerData {
  api: Api;
  stage: Stage;
  canaryApi?: Api;
  clientCertificate?: ClientCertificateMaterial;
  apiKeys?: string[];
  apiId?: string;
  /** Names of the main thread's Lambda handlers: the worker calls them through messages. */
  handlerNames: string[];
  /** Whether the main thread wants execution log lines. */
  executionLog: boolean;
  /** How often (ms) the worker reports that its event loop is alive while it has work. */
  heartbeatMs: number;
  /**
   * Started before its stage's snapshot was read (in parallel with the read): `api` and
   * `stage` are placeholders, the first snapshot comes as a `load`.
   */
  spare?: boolean;
}

/**
 * A running worker's next snapshot (its stage's ref moved): each Api relative to the one the
 * worker holds in that place (see apiDelta). The worker compiles it and serves every later
 * request with it; a snapshot that does not compile leaves the previous one in service.
 */
export interface SnapshotLoad {
  stage: Stage;
  clientCertificate?: ClientCertificateMaterial;
  api: ApiDelta;
  canaryApi?: ApiDelta;
}

/** Main thread -> worker. */
export type ToWorker =
  | { type: 'load'; snapshot: SnapshotLoad }
  | { type: 'handle'; id: number; request: GatewayRequest }
  | { type: 'testInvoke'; id: number; request: TestInvokeRequest }
  | { type: 'lambdaResult'; id: number; ok: true; result: unknown }
  | { type: 'lambdaResult'; id: number; ok: false; message: string };

/** Worker -> main thread. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'alive' }
  | { type: 'handled'; id: number; response: GatewayResponse; canary: boolean }
  | { type: 'testInvoked'; id: number; result: TestInvokeResult }
  | { type: 'failed'; id: number; message: string }
  | { type: 'log'; line: string }
  | { type: 'executionLog'; line: string }
  | { type: 'lambda'; id: number; name: string; event: unknown; context: { functionName?: unknown; awsRequestId?: unknown; remainingMs: number } };
