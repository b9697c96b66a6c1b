import type { ClientCertificateMaterial } from './integrations/createTlsFetch.js';
import type { TestInvokeRequest, TestInvokeResult } from './testInvoke.js';
import type { Api, Stage } from '@gitway/core';

/** Headers of a response; an array value is sent as repeated header lines. */
export type ResponseHeaders = Record<string, string | string[]>;

/** A plain HTTP request as the gateway sees it; `path` is after the stage segment. */
export interface GatewayRequest {
  method: string;
  /** Raw (percent-encoded) path after the stage segment, e.g. "/pets/1". */
  path: string;
  /** Header names in any case; lookups are case-insensitive. */
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  body?: Buffer | string;
  sourceIp?: string;
  /** The request's id (`$context.requestId`, the "(id)" of its execution log lines); default a new UUID. A server that collects each request's log lines passes its own. */
  requestId?: string;
}

/** A plain HTTP response produced by the gateway. */
export interface GatewayResponse {
  statusCode: number;
  headers: ResponseHeaders;
  body: Buffer | string;
}

/** Lambda proxy result, the v1 shape a handler returns. */
export interface LambdaProxyResult {
  statusCode?: number;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body?: string;
  isBase64Encoded?: boolean;
}

/** A local stand-in for a Lambda function: `(event, context) => result`. */
export type LambdaHandler = (event: any, context: Record<string, unknown>) => unknown;

/** A `fetch` compatible function (the global undici fetch by default). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Options of `createGateway`. */
export interface CreateGatewayOptions {
  api: Api;
  stage: Stage;
  /** The snapshot canary traffic is served from (stage.canarySettings.percentTraffic). */
  canaryApi?: Api;
  /** Lambda functions by name, `name:alias` or full ARN. */
  handlers?: Record<string, LambdaHandler>;
  /** Clock in epoch milliseconds. */
  now?: () => number;
  /** Uniform random number in [0, 1). */
  random?: () => number;
  /** Sends HTTP/HTTP_PROXY integration requests (default: global fetch; undici for client certificates and insecureSkipVerification). */
  fetch?: FetchLike;
  /**
   * The certificate and key of the stage's clientCertificateId, presented on TLS
   * connections to HTTP/HTTP_PROXY backends by the default `fetch`. The runtime reads no
   * repository: its host (preview) loads the material and hands it over.
   */
  clientCertificate?: ClientCertificateMaterial;
  /** Receives access log lines and execution error lines. */
  log?: (line: string) => void;
  /**
   * Receives execution log lines ("(requestId) Method request path: {petId=7}") of methods
   * whose stage setting `loggingLevel` is INFO or ERROR (data lines with `dataTraceEnabled`).
   */
  executionLog?: (line: string) => void;
  /** $context.apiId; defaults to "local". */
  apiId?: string;
  /** $context.accountId; defaults to "000000000000". */
  accountId?: string;
  /**
   * The API keys `apiKeyRequired` methods accept (x-api-key). Without it any non-empty key
   * is accepted: there are no usage plans locally.
   */
  apiKeys?: string[];
}

/** A compiled stage: `handle` serves one request; `testInvoke` simulates one with its execution log. */
export interface Gateway {
  handle(request: GatewayRequest): Promise<GatewayResponse>;
  /** TestInvokeMethod: no throttling, authorizers, API keys or cache; the full execution log. */
  testInvoke(request: TestInvokeRequest): Promise<TestInvokeResult>;
}
