import type { Api, Integration } from '@gitway/core';
import { applyIntegrationResponse } from '../applyIntegrationResponse.js';
import type { RequestContext } from '../createRequestContext.js';
import type { ExecutionTrace } from '../executionLog/ExecutionTrace.js';
import { traceEndpointRequest, traceEndpointResponse } from '../executionLog/traceSteps.js';
import { GatewayError } from '../GatewayError.js';
import type { FetchLike, GatewayResponse, LambdaHandler } from '../types.js';
import type { VtlParams } from '../vtl/createVtlInput.js';
import { buildProxyEvent } from './buildProxyEvent.js';
import { callHandler } from './callHandler.js';
import { findHandler } from './findHandler.js';
import type { IntegrationResult } from './IntegrationResult.js';
import { invokeHttp } from './invokeHttp.js';
import { mapProxyResult } from './mapProxyResult.js';
import { mapRequestParameters } from './mapRequestParameters.js';
import { parseMockStatusCode } from './parseMockStatusCode.js';
import { substituteUri } from './substituteUri.js';

/** One routed, validated request on its way to the backend. */
export interface IntegrationCall {
  api: Api;
  integration: Integration;
  resourcePath: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  multiQuery: Record<string, string[]>;
  params: VtlParams;
  body: Buffer;
  contentType: string;
  /** The request template's output, or undefined to pass the body through. */
  transformed: string | undefined;
  stageVariables: Record<string, string>;
  context: RequestContext;
  handlers: Record<string, LambdaHandler>;
  fetch: FetchLike;
  now: () => number;
  /** The request's execution log, when one is kept. */
  trace?: ExecutionTrace;
}

/**
 * Runs a method's integration — MOCK, HTTP, HTTP_PROXY, AWS_PROXY (local handler), AWS
 * Lambda (local handler, non-proxy) — and returns the method response. Other AWS service
 * integrations answer 501.
 *
 * @example
 * const response = await invokeIntegration(call);
 */
export async function invokeIntegration(c: IntegrationCall): Promise<GatewayResponse> {
  const { integration } = c;
  const timeoutMs = integration.timeoutInMillis ?? 29_000;
  const respond = (result: IntegrationResult) => applyIntegrationResponse(integration, result, c.context, c.params, c.stageVariables, c.headers.accept ?? '');
  switch (integration.type) {
    case 'MOCK': {
      // The template's text as it is (its UTF-8 bytes decode to the same status code).
      const text = c.transformed ?? c.body.toString('utf8');
      const status = text.trim() === '' ? 200 : parseMockStatusCode(text);
      if (status === null) {
        if (c.transformed !== undefined) throw new Error('MOCK integration: unable to parse statusCode from the request template output');
        return respond({ statusCode: 200, headers: {}, body: Buffer.alloc(0) });
      }
      return respond({ statusCode: status, headers: {}, body: Buffer.alloc(0) });
    }
    case 'HTTP':
    case 'HTTP_PROXY': {
      const payload = payloadOf(c);
      const proxy = integration.type === 'HTTP_PROXY';
      const mapped = mapRequestParameters(integration.requestParameters, {
        'method.request.path': c.params.path,
        'method.request.querystring': c.params.querystring,
        'method.request.multivaluequerystring': c.multiQuery,
        'method.request.header': c.params.header,
        stageVariables: c.stageVariables,
        context: c.context,
      });
      const url = endpointUrl(integration.uri ?? '', substituteUri(integration.uri ?? '', c.stageVariables, { ...c.params.path, ...mapped.path }), c.stageVariables);
      if (proxy) for (const [k, values] of Object.entries(c.multiQuery)) for (const v of values) url.searchParams.append(k, v);
      for (const [k, v] of Object.entries(mapped.querystring)) url.searchParams.set(k, v);
      const headers: Record<string, string> = proxy ? { ...c.headers } : {};
      if (!proxy && payload.length) headers['content-type'] = c.contentType;
      Object.assign(headers, Object.fromEntries(Object.entries(mapped.header).map(([k, v]) => [k.toLowerCase(), v])));
      const verb = !integration.httpMethod || integration.httpMethod === 'ANY' ? c.method : integration.httpMethod;
      const body = proxy ? c.body : payload;
      if (c.trace) traceEndpointRequest(c.trace, url.href, headers, body);
      const started = c.now();
      const insecureSkipVerification = integration.tlsConfig?.insecureSkipVerification;
      const result = await invokeHttp({ url: url.href, method: verb, headers, body, timeoutMs, fetch: c.fetch, insecureSkipVerification });
      if (c.trace) traceEndpointResponse(c.trace, result, c.now() - started);
      return proxy ? { statusCode: result.statusCode, headers: result.headers, body: result.body } : respond(result);
    }
    case 'AWS_PROXY': {
      const uri = substituteUri(integration.uri ?? '', c.stageVariables);
      const { name, handler } = findHandler(c.handlers, uri);
      if (!handler) throw noHandler(name, uri);
      const binaryTypes = c.api.restApi.binaryMediaTypes ?? [];
      const binary = binaryTypes.some((t) => t === c.contentType || t === '*/*' || (t.endsWith('/*') && c.contentType.startsWith(t.slice(0, -1))));
      const event = buildProxyEvent({ resourcePath: c.resourcePath, path: c.path, method: c.method, headers: c.headers, multiQuery: c.multiQuery, pathParameters: c.params.path, stageVariables: c.stageVariables, context: c.context, body: c.body, binary });
      let result: unknown;
      if (c.trace) traceEndpointRequest(c.trace, lambdaInvokeUrl(uri), { 'x-amzn-lambda-integration-tag': c.context.requestId }, c.trace.keepsData ? JSON.stringify(event) : '');
      const started = c.now();
      try {
        result = await callHandler(handler, event, { functionName: name, requestId: c.context.requestId, timeoutMs, now: c.now });
      } catch (error) {
        if (error instanceof GatewayError) throw error;
        throw Object.assign(new GatewayError('DEFAULT_5XX', 502, 'Internal server error'), {
          cause: error,
          detail: `Lambda execution failed with status 200 due to customer function error: ${(error as Error)?.message ?? String(error)}. Lambda request id: ${c.context.requestId}`,
        });
      }
      if (c.trace) traceEndpointResponse(c.trace, { statusCode: 200, headers: {}, body: c.trace.keepsData ? JSON.stringify(result ?? null) : '' }, c.now() - started);
      return mapProxyResult(result);
    }
    case 'AWS': {
      const uri = substituteUri(integration.uri ?? '', c.stageVariables);
      if (!/:lambda:path\//.test(uri)) throw new GatewayError('DEFAULT_5XX', 501, 'AWS service integrations are not supported locally');
      const { name, handler } = findHandler(c.handlers, uri);
      if (!handler) throw noHandler(name, uri);
      const payload = payloadOf(c);
      const text = payload.toString('utf8');
      let event: unknown = text;
      try {
        event = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        /* a non-JSON payload reaches the function as a string */
      }
      if (c.trace) traceEndpointRequest(c.trace, lambdaInvokeUrl(uri), { 'x-amzn-lambda-integration-tag': c.context.requestId }, payload);
      const started = c.now();
      let result: IntegrationResult;
      try {
        const value = await callHandler(handler, event, { functionName: name, requestId: c.context.requestId, timeoutMs, now: c.now });
        result = { statusCode: 200, headers: {}, body: Buffer.from(JSON.stringify(value ?? null)), lambda: true };
      } catch (error) {
        if (error instanceof GatewayError) throw error;
        const e = error as Error;
        const errorMessage = String(e?.message ?? error);
        const body = JSON.stringify({ errorMessage, errorType: e?.name ?? 'Error' });
        result = { statusCode: 200, headers: {}, body: Buffer.from(body), errorMessage, lambda: true };
      }
      if (c.trace) traceEndpointResponse(c.trace, result, c.now() - started);
      return respond(result);
    }
    default:
      throw new GatewayError('API_CONFIGURATION_ERROR');
  }
}

/** The integration request's body: the request template's output, else the method request's body. */
function payloadOf(c: IntegrationCall): Buffer {
  return c.transformed !== undefined ? Buffer.from(c.transformed) : c.body;
}

/** The URL of an HTTP integration, or a configuration error naming the URI and the stage variables it lacks. */
function endpointUrl(template: string, uri: string, stageVariables: Record<string, string>): URL {
  let url: URL | undefined;
  try {
    url = new URL(uri);
  } catch {
    /* reported below */
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return url;
  const missing = [...template.matchAll(/\$\{stageVariables\.([^}]+)\}/g)].map((m) => m[1]).filter((name) => !Object.hasOwn(stageVariables, name));
  const why = missing.length ? `; stage variable${missing.length > 1 ? 's' : ''} ${missing.map((n) => `'${n}'`).join(', ')} not set` : '';
  throw GatewayError.configuration(`Invalid endpoint address: '${uri}' (integration URI '${template}'${why})`);
}

/** A Lambda integration whose function has no local handler: a 502 whose log line says how to give one. */
function noHandler(name: string, uri: string): GatewayError {
  return Object.assign(new GatewayError('DEFAULT_5XX', 502, 'Internal server error'), {
    detail: `Execution failed due to configuration error: no local handler for Lambda function '${name}' (${uri}); pass --handlers MODULE whose default export maps '${name}' to a function`,
  });
}

/** The Lambda Invoke URL API Gateway calls for `arn:aws:apigateway:REGION:lambda:path/...`. */
function lambdaInvokeUrl(uri: string): string {
  const m = /^arn:aws[\w-]*:apigateway:([^:]+):lambda:path(\/.+)$/.exec(uri);
  return m ? `https://lambda.${m[1]}.amazonaws.com${m[2]}` : uri;
}
