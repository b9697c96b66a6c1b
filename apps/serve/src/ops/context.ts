import type { IncomingHttpHeaders } from 'node:http';
import type { WriteOptions } from '@gitway/core';
import type { LambdaHandler } from '@gitway/runtime';
import type { ApiRepo, Registry } from '../registry.js';

/** What an operation gets: the matched request and, for `/restapis/{restApiId}/...`, its repository. */
export interface OpContext {
  name: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  registry: Registry;
  /** The repository of params.restApiId (the server answers 404 before calling when unknown). */
  repo: ApiRepo;
  /** Write options for core calls on `repo`: the caller (SigV4 access key id or "aws") as author. */
  write: WriteOptions;
  now: () => number;
  random?: (n: number) => number;
  /** Local Lambda handlers (AWS_PROXY integrations) for TestInvokeMethod. */
  handlers?: Record<string, LambdaHandler>;
}

/** What an operation answers; status defaults to the operation's success status. */
export interface OpResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** The operation changed the repository (the data plane drops its cached stages). */
  wrote?: boolean;
}

export type Operation = (ctx: OpContext) => Promise<OpResult>;
