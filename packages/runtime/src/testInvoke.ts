import type { CompiledSnapshot, NormalizedRequest } from './compileSnapshot.js';
import { createRequestContext } from './createRequestContext.js';
import { ExecutionTrace } from './executionLog/ExecutionTrace.js';
import { formatTestInvokeLog } from './executionLog/formatExecutionLog.js';

/** A TestInvokeMethod request: one simulated call of a method through the stage. */
export interface TestInvokeRequest {
  /** GET, POST, ... */
  httpMethod: string;
  /** The resource path with values filled in, and the query string: '/pets/7?limit=2'. */
  pathWithQueryString: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body?: string;
  /** Overrides merged over the stage's variables. */
  stageVariables?: Record<string, string>;
  /** Run against the stage's canary deployment (with its variable overrides). */
  canary?: boolean;
}

/** TestInvokeMethod's response shape. */
export interface TestInvokeResult {
  status: number;
  body: string;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  /** The execution log, lines joined with '\n'. */
  log: string;
  /** Milliseconds from request to response. */
  latency: number;
}

/**
 * Runs one TestInvokeMethod request through a compiled snapshot: the full pipeline with
 * a complete execution log, but without throttling, authorizers, API keys or the stage
 * cache, as API Gateway's console Test does.
 *
 * @example
 * const result = await testInvoke(snapshot, { httpMethod: 'GET', pathWithQueryString: '/pets/7' }, { stageName: 'prod', stageVariables: {}, now: Date.now });
 * result.status; // 200
 */
export async function testInvoke(
  snapshot: CompiledSnapshot,
  t: TestInvokeRequest,
  o: { stageName: string; stageVariables: Record<string, string>; now: () => number; random?: () => number; apiId: string; accountId: string; isCanary: boolean },
): Promise<TestInvokeResult> {
  const q = t.pathWithQueryString.indexOf('?');
  const rawPath = q === -1 ? t.pathWithQueryString : t.pathWithQueryString.slice(0, q);
  const path = rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
  const multiQuery: Record<string, string[]> = Object.create(null);
  if (q !== -1) for (const [k, v] of new URLSearchParams(t.pathWithQueryString.slice(q + 1))) (multiQuery[k] ??= []).push(v);
  const headers: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(t.multiValueHeaders ?? {})) headers[k.toLowerCase()] = v.join(',');
  for (const [k, v] of Object.entries(t.headers ?? {})) headers[k.toLowerCase()] = v;
  const method = t.httpMethod.toUpperCase();
  const req: NormalizedRequest = { method, path, headers, multiQuery, body: Buffer.from(t.body ?? '') };
  const started = o.now();
  const ctx = createRequestContext({
    now: started, random: o.random, stageName: o.stageName, apiId: o.apiId, accountId: o.accountId, method, path, headers, sourceIp: 'test-invoke-source-ip',
  });
  ctx.isCanaryRequest = o.isCanary;
  const trace = new ExecutionTrace(o.now);
  const response = await snapshot.run(req, ctx, { trace, test: true, stageVariables: o.stageVariables });
  const latency = o.now() - started;
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(response.headers)) {
    const name = canonicalHeaderName(k);
    multi[name] = Array.isArray(v) ? v : [v];
    single[name] = Array.isArray(v) ? v.join(',') : v;
  }
  const body = typeof response.body === 'string' ? response.body : response.body.toString('utf8');
  return { status: response.statusCode, body, headers: single, multiValueHeaders: multi, log: formatTestInvokeLog(trace, ctx.requestId), latency };
}

/** 'content-type' -> 'Content-Type', as API Gateway's test answer spells header names. */
function canonicalHeaderName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}
