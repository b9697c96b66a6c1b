import { assertVariableName, assertVariableValue, getStage, HTTP_METHODS } from '@gitway/core';
import type { TestInvokeRequest } from '@gitway/runtime';
import { MAX_PAYLOAD_BYTES } from '@gitway/runtime/host';
import type { RouteContext } from '../context.js';
import { HttpError, readJsonBody } from '../http.js';

/** A Test request carries at most a 10 MB body (API Gateway's payload limit), JSON-encoded. */
const MAX_TEST_JSON = 2 * MAX_PAYLOAD_BYTES + 64 * 1024;
const MAX_PATH = 8192;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;

const bad = (message: string, field: string) => new HttpError(400, 'InvalidParameterError', message, { field });

function stringMap(value: unknown, field: string, what: string): Record<string, string> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw bad(`${field} must be an object of ${what} strings`, field);
  }
  return value as Record<string, string>;
}

/** Checks a Test request as TestInvokeMethod would: method, a path inside the API (no `..`), headers, variables (the CLI's rules). */
export function parseTestBody(body: unknown): TestInvokeRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw bad('expected {"httpMethod", "pathWithQueryString", "headers"?, "body"?, "stageVariables"?, "canary"?}', '');
  const b = body as Record<string, unknown>;
  const method = typeof b.httpMethod === 'string' ? b.httpMethod.toUpperCase() : '';
  if (!HTTP_METHODS.includes(method as never) || method === 'ANY') throw bad(`httpMethod must be one of ${HTTP_METHODS.filter((m) => m !== 'ANY').join(', ')}`, 'httpMethod');
  const path = b.pathWithQueryString;
  if (typeof path !== 'string' || !path.startsWith('/') || path.length > MAX_PATH || /[\u0000-\u001f\u007f\s]/.test(path)) {
    throw bad(`pathWithQueryString must start with / and hold at most ${MAX_PATH} characters, without spaces or control characters`, 'pathWithQueryString');
  }
  let segments: string[];
  try {
    segments = path.split('?')[0].split('/').map((s) => decodeURIComponent(s));
  } catch {
    throw bad(`malformed percent-encoding in '${path}'`, 'pathWithQueryString');
  }
  if (segments.some((s) => s === '..' || s === '.')) throw bad(`the path may not contain '.' or '..' segments: '${path}'`, 'pathWithQueryString');
  const headers = stringMap(b.headers, 'headers', 'header');
  for (const name of Object.keys(headers)) if (!HEADER_NAME.test(name)) throw bad(`invalid header name '${name}'`, 'headers');
  const stageVariables = stringMap(b.stageVariables, 'stageVariables', 'stage variable');
  for (const [k, v] of Object.entries(stageVariables)) {
    try {
      assertVariableName(k);
      assertVariableValue(k, v);
    } catch (error) {
      throw new HttpError(400, (error as { code: string }).code, (error as Error).message, { field: 'stageVariables' });
    }
  }
  if (b.body !== undefined && typeof b.body !== 'string') throw bad('body must be a string', 'body');
  if (b.canary !== undefined && typeof b.canary !== 'boolean') throw bad('canary must be true or false', 'canary');
  return { httpMethod: method, pathWithQueryString: path, headers, body: b.body as string | undefined, stageVariables, canary: b.canary === true };
}

/**
 * POST /_gitway/api/stages/{name}/test: TestInvokeMethod through the stage's compiled
 * gateway (its active deployment, or the canary), without throttling, authorizers, API
 * keys or the stage cache. Answers `{status, body, headers, multiValueHeaders, log,
 * latency}`, as `gitway test-invoke --json`.
 */
export async function testInvokeApi({ ctx, params, req }: RouteContext): Promise<unknown> {
  const stageName = params[0];
  const test = parseTestBody(await readJsonBody(req, MAX_TEST_JSON));
  const { stage } = await getStage({ ...ctx.repo, stageName });
  if (test.canary && !stage.canarySettings) throw bad(`stage ${stageName} has no canary to test`, 'canary');
  const gateway = await ctx.gatewayFor?.(stageName);
  if (!gateway) throw new HttpError(404, 'NotFoundError', 'Test runs requests through gitway preview: the dashboard is not running inside it');
  return gateway.testInvoke(test);
}
