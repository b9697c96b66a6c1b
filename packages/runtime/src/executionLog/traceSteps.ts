import { defaultGatewayResponses } from '../defaultGatewayResponses.js';
import { GatewayError } from '../GatewayError.js';
import type { GatewayResponse, ResponseHeaders } from '../types.js';
import { ExecutionTrace } from './ExecutionTrace.js';

/* API Gateway redacts credentials from execution logs. */
const SECRET = new Set(['authorization', 'x-api-key', 'x-amz-security-token', 'cookie']);

function redacted(headers: Record<string, string | string[] | undefined>): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [k, v] of Object.entries(headers)) {
    const text = Array.isArray(v) ? v.join(',') : (v ?? '');
    out[k] = SECRET.has(k.toLowerCase()) ? '*'.repeat(Math.max(0, text.length - 6)) + (text.length > 12 ? text.slice(-6) : '******') : v;
  }
  return out;
}

/** A body as logged: text, cut at 1 KB. */
const bodyText = (body: Buffer | string | undefined) => ExecutionTrace.cut(body === undefined ? '' : typeof body === 'string' ? body : body.toString('utf8', 0, 4096));

/**
 * The method request part of the execution log: start, method and path, path
 * parameters, query string, headers (credentials redacted) and body.
 *
 * @example
 * traceMethodRequest(trace, { requestId, method: 'GET', path: '/pets/7', pathParams: { petId: '7' }, query: {}, headers: {}, body: '' });
 */
export function traceMethodRequest(
  trace: ExecutionTrace,
  r: { requestId: string; method: string; path: string; pathParams: Record<string, string>; query: Record<string, string[]>; headers: Record<string, string>; body: Buffer },
): void {
  trace.info(`Starting execution for request: ${r.requestId}`);
  trace.info(`HTTP Method: ${r.method}, Resource Path: ${r.path}`);
  trace.info(`Method request path: ${ExecutionTrace.map(r.pathParams)}`);
  trace.info(`Method request query string: ${ExecutionTrace.map(r.query)}`);
  if (!trace.keepsData) return; // bodies and headers are formatted only when they are logged
  trace.data(`Method request headers: ${ExecutionTrace.map(redacted(r.headers))}`);
  trace.data(`Method request body before transformations: ${bodyText(r.body)}`);
}

/**
 * The endpoint request part: URI, headers, body after transformations, "Sending request to".
 *
 * @example
 * traceEndpointRequest(trace, 'http://127.0.0.1:8080/pets/7', { accept: 'application/json' }, Buffer.alloc(0));
 */
export function traceEndpointRequest(trace: ExecutionTrace, uri: string, headers: Record<string, string>, body: Buffer | string): void {
  trace.info(`Endpoint request URI: ${uri}`);
  if (trace.keepsData) {
    trace.data(`Endpoint request headers: ${ExecutionTrace.map(redacted(headers))}`);
    trace.data(`Endpoint request body after transformations: ${bodyText(body)}`);
  }
  trace.info(`Sending request to ${uri}`);
}

/**
 * The endpoint response part: status and integration latency, headers, body before transformations.
 *
 * @example
 * traceEndpointResponse(trace, { statusCode: 200, headers: {}, body: Buffer.from('{}') }, 12);
 */
export function traceEndpointResponse(trace: ExecutionTrace, result: { statusCode: number; headers: ResponseHeaders; body: Buffer | string }, latencyMs: number): void {
  trace.info(`Received response. Status: ${result.statusCode}, Integration latency: ${latencyMs} ms`);
  if (!trace.keepsData) return;
  trace.data(`Endpoint response headers: ${ExecutionTrace.map(result.headers)}`);
  trace.data(`Endpoint response body before transformations: ${bodyText(result.body)}`);
}

/**
 * The method response part, written once per request: body and headers after
 * transformations (for answers that reached the integration), "Successfully completed
 * execution" unless a failure was logged, and "Method completed with status: N".
 *
 * @example
 * traceCompletion(trace, response, true);
 */
export function traceCompletion(trace: ExecutionTrace, response: GatewayResponse, integrated: boolean): void {
  if (trace.completed) return;
  trace.completed = true;
  if (integrated && trace.keepsData) {
    trace.data(`Method response body after transformations: ${bodyText(response.body)}`);
    trace.data(`Method response headers: ${ExecutionTrace.map(response.headers)}`);
  }
  if (!trace.failed && response.statusCode < 400) trace.info('Successfully completed execution');
  trace.info(`Method completed with status: ${response.statusCode}`);
}

/**
 * The execution log's account of why a request failed: the error's own detail
 * (configuration errors name their cause), a timeout, or the refusal message of a 4xx.
 *
 * @example
 * describeFailure(new GatewayError('INTEGRATION_TIMEOUT')); // 'Execution failed due to a timeout error'
 */
export function describeFailure(error: unknown): { message: string; isError: boolean } {
  if (!(error instanceof GatewayError)) {
    return { message: `Execution failed due to configuration error: ${error instanceof Error ? error.message : String(error)}`, isError: true };
  }
  const known = defaultGatewayResponses[error.responseType] ?? defaultGatewayResponses.DEFAULT_5XX;
  const isError = (error.statusCode ?? known.statusCode) >= 500;
  if (error.detail) return { message: error.detail, isError };
  if (error.responseType === 'INTEGRATION_TIMEOUT') return { message: 'Execution failed due to a timeout error', isError };
  const text = error.message === error.responseType ? known.message : error.message;
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return { message: isError ? `Execution failed: ${text}${cause}` : text, isError };
}
