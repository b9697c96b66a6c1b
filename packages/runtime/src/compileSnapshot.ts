import type { Api, Integration, Method, Resource, Stage } from '@gitway/core';
import { createRequestValidator } from './createRequestValidator.js';
import type { RequestContext } from './createRequestContext.js';
import { GatewayError } from './GatewayError.js';
import { ExecutionTrace } from './executionLog/ExecutionTrace.js';
import { executionLogLines } from './executionLog/formatExecutionLog.js';
import { describeFailure, traceCompletion, traceMethodRequest } from './executionLog/traceSteps.js';
import { invokeIntegration } from './integrations/invokeIntegration.js';
import { renderGatewayResponse } from './renderGatewayResponse.js';
import { lastValues } from './lastValues.js';
import { resourceIdOf } from './resourceIdOf.js';
import { compileRouter, type RouteMatch } from './router/compileRouter.js';
import type { createResponseCache } from './settings/createResponseCache.js';
import type { createThrottle } from './settings/createThrottle.js';
import { cacheControl, withCacheControlWarning } from './settings/cacheControl.js';
import { methodSettingFor, type EffectiveMethodSetting } from './settings/methodSettingFor.js';
import { cacheKeyOf } from './settings/cacheKeyOf.js';
import { isStaticMock } from './staticMock.js';
import { authorize, type AuthorizerResults } from './authorize.js';
import type { FetchLike, GatewayResponse, LambdaHandler } from './types.js';
import { createVtlInput, type VtlParams } from './vtl/createVtlInput.js';
import { createVtlUtil } from './vtl/createVtlUtil.js';
import { isLiteralTemplate, renderTemplate } from './vtl/renderTemplate.js';
import { selectRequestTemplate } from './vtl/selectRequestTemplate.js';

import { MAX_PAYLOAD_BYTES } from './limits.js';

export { MAX_PAYLOAD_BYTES };

/** A request after normalization: lower-case headers, query as lists, body as bytes. */
export interface NormalizedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  multiQuery: Record<string, string[]>;
  body: Buffer;
}

/** How one request runs: `trace` collects its execution log; `test` is TestInvokeMethod (no throttle, authorizer, API key or cache). */
export interface RunOptions {
  trace?: ExecutionTrace;
  test?: boolean;
  /** Replaces the snapshot's stage variables for this request. */
  stageVariables?: Record<string, string>;
  /** The route of `req.method` and `req.path`, when the caller already matched it (`match`). */
  match?: RouteMatch | null;
}

const util = createVtlUtil();

/**
 * Compiles one deployment snapshot (router, validators) for a stage: `run` is the full
 * request pipeline — route, throttle, authorize, validate, cache, transform, invoke,
 * respond, one named step each, in that order — which never throws (failures become
 * gateway responses); `fast` answers static MOCK routes (isStaticMock) from the response
 * `run` produced for them; `match` routes a request once for both.
 *
 * @example
 * const snapshot = compileSnapshot(api, { stage, stageVariables: stage.variables ?? {}, handlers: {}, fetch, now, log, throttle, cache });
 * const match = snapshot.match('GET', '/health');
 * const response = snapshot.fast(match) ?? (await snapshot.run(request, ctx, { match }));
 */
export function compileSnapshot(
  api: Api,
  deps: {
    stage: Stage;
    stageVariables: Record<string, string>;
    handlers: Record<string, LambdaHandler>;
    fetch: FetchLike;
    now: () => number;
    log: (line: string) => void;
    /** Receives execution log lines of methods whose loggingLevel is INFO or ERROR. */
    executionLog?: (line: string) => void;
    throttle: ReturnType<typeof createThrottle>;
    cache: ReturnType<typeof createResponseCache>;
    apiKeys?: ReadonlySet<string>;
  },
): CompiledSnapshot {
  const router = compileRouter(api.resources);
  const validator = createRequestValidator(api);
  const { stage } = deps;
  const logs = (setting: { loggingLevel?: string }) => deps.executionLog !== undefined && (setting.loggingLevel === 'INFO' || setting.loggingLevel === 'ERROR');
  const settings = new Map<string, EffectiveMethodSetting>();
  /** The stage's effective method setting of a route, computed once per route. */
  const settingFor = (routeKey: string, resourcePath: string, httpMethod: string): EffectiveMethodSetting => {
    let setting = settings.get(routeKey);
    if (!setting) settings.set(routeKey, (setting = methodSettingFor(stage.methodSettings, resourcePath, httpMethod)));
    return setting;
  };
  /** A route's key ("GET /pets/{id}"), $context.resourceId and setting, found once per resource and method (not rebuilt per request). */
  const routes = new WeakMap<Resource, Map<Method, { routeKey: string; resourceId: string; setting: EffectiveMethodSetting }>>();
  const routeOf = (resource: Resource, method: Method) => {
    let byMethod = routes.get(resource);
    if (!byMethod) routes.set(resource, (byMethod = new Map()));
    let found = byMethod.get(method);
    if (!found) {
      const routeKey = `${method.httpMethod} ${resource.path}`;
      byMethod.set(method, (found = { routeKey, resourceId: resourceIdOf(resource.path), setting: settingFor(routeKey, resource.path, method.httpMethod) }));
    }
    return found;
  };
  // Static MOCK methods (see isStaticMock): their one answer, once the full pipeline produced it.
  const staticAnswers = new WeakMap<Method, { routeKey: string; response?: GatewayResponse }>();
  const staticInfo = (method: Method, resourcePath: string) => {
    let info = staticAnswers.get(method);
    if (info === undefined) {
      const routeKey = `${method.httpMethod} ${resourcePath}`;
      const setting = settingFor(routeKey, resourcePath, method.httpMethod);
      info = { routeKey: isStaticMock(api, method, stage, setting) && !logs(setting) ? routeKey : '' };
      staticAnswers.set(method, info);
    }
    return info;
  };

  /** The answer of a static MOCK route (matched by `router.match`) for a bodiless request without Content-Type, or undefined. */
  const fast = (route: RouteMatch | null): GatewayResponse | undefined => {
    if (!route) return undefined;
    const info = staticInfo(route.method, route.resource.path);
    if (!info.response) return undefined;
    if (!deps.throttle.take(info.routeKey, settings.get(info.routeKey)!)) return undefined; // the full path answers 429
    return info.response;
  };

  // ---- The request pipeline: each step reads and fills in the Flight; a step that returns a
  // response ends the pipeline with it (a cache hit); a step that throws a GatewayError ends
  // it with that gateway response (see `fail`).

  /** Matches the route, finds its method setting, starts the execution log. */
  const route: Step = (f) => {
    if (f.req.body.length > MAX_PAYLOAD_BYTES) throw new GatewayError('REQUEST_TOO_LARGE');
    const match = f.o.match !== undefined ? f.o.match : router.match(f.req.method, f.req.path);
    if (!match) throw new GatewayError('MISSING_AUTHENTICATION_TOKEN');
    const { resource, method } = match;
    f.params.path = match.pathParameters;
    f.ctx.resourcePath = resource.path;
    const { routeKey, resourceId, setting } = routeOf(resource, method);
    f.ctx.resourceId = resourceId;
    f.resource = resource;
    f.method = method;
    f.routeKey = routeKey;
    f.setting = setting;
    if (!f.trace && logs(f.setting)) f.trace = new ExecutionTrace(deps.now, f.setting);
    if (f.trace) traceMethodRequest(f.trace, { requestId: f.ctx.requestId, method: f.req.method, path: f.req.path, pathParams: f.params.path, query: f.req.multiQuery, headers: f.req.headers, body: f.req.body });
  };

  /** Takes a token of the route's bucket (429 without one). */
  const throttle: Step = (f) => {
    if (!f.o.test && !deps.throttle.take(f.routeKey, f.setting)) throw new GatewayError('THROTTLED');
  };

  /** Authorizer answers kept for their TTL; a new snapshot (deploy, rollback) starts empty. */
  const authorizerResults: AuthorizerResults = new Map();
  /** Runs the method's authorizer and API key check. */
  const authorizeStep: Step = async (f) => {
    if (f.o.test || (f.method.authorizationType === 'NONE' && !f.method.apiKeyRequired)) return;
    await authorize({
      api, method: f.method, resourcePath: f.resource.path, path: f.req.path, headers: f.req.headers, params: f.params, stageVariables: f.stageVariables, context: f.ctx,
      handlers: deps.handlers, now: deps.now, log: deps.log, apiKeys: deps.apiKeys, results: authorizerResults,
    });
  };

  /** Checks parameters and body against the method's request validator; a method needs an integration. */
  const validate: Step = (f) => {
    const contentType = f.req.headers['content-type'];
    f.contentType = contentType === undefined ? 'application/json' : contentType.split(';')[0].trim().toLowerCase();
    f.bodyText = f.req.body.toString('utf8');
    validator(f.method, f.params, f.contentType, f.bodyText);
    if (!f.method.methodIntegration) throw new GatewayError('API_CONFIGURATION_ERROR');
    f.integration = f.method.methodIntegration;
  };

  /** Answers from the stage cache when the method caches (Cache-Control: max-age=0 refreshes). */
  const cache: Step = (f) => {
    const { req, setting } = f;
    if (f.o.test || !stage.cacheClusterEnabled || setting.cachingEnabled !== true || !(setting.specific || req.method === 'GET')) return;
    f.cacheKey = cacheKeyOf(req.method, req.path, f.integration.cacheKeyParameters, f.params);
    f.control = cacheControl(req.headers, setting);
    if (f.control === 'deny') throw new GatewayError('ACCESS_DENIED', 403, `User: anonymous is not authorized to perform: execute-api:InvalidateCache on resource: arn:aws:execute-api:us-east-1:${f.ctx.accountId}:${f.ctx.apiId}/${f.ctx.stage}/${req.method}${req.path}`);
    const hit = f.control === 'refresh' ? undefined : deps.cache.get(f.cacheKey);
    if (hit) return f.control === 'warn' ? withCacheControlWarning(hit) : { ...hit, headers: { ...hit.headers } };
  };

  /** Renders the request template chosen by Content-Type (proxy integrations pass the request through). */
  const transform: Step = (f) => {
    const proxy = f.integration.type === 'HTTP_PROXY' || f.integration.type === 'AWS_PROXY';
    const template = proxy ? undefined : selectRequestTemplate(f.integration, f.contentType);
    try {
      f.transformed =
        template === undefined || isLiteralTemplate(template) ? template : renderTemplate(template, { input: createVtlInput(f.bodyText, f.params), util, context: f.ctx, stageVariables: f.stageVariables });
    } catch (error) {
      throw GatewayError.configuration(`Unable to transform request: ${(error as Error)?.message ?? String(error)}`, error);
    }
  };

  /** Calls the integration and maps its answer through the integration responses. */
  const invoke: Step = async (f) => {
    const { req } = f;
    const started = deps.now();
    f.integrated = true;
    f.response = await invokeIntegration({
      api, integration: f.integration, resourcePath: f.resource.path, method: req.method, path: req.path, headers: req.headers, multiQuery: req.multiQuery,
      params: f.params, body: req.body, contentType: f.contentType, transformed: f.transformed, stageVariables: f.stageVariables, context: f.ctx, handlers: deps.handlers, fetch: deps.fetch, now: deps.now, trace: f.trace,
    });
    f.ctx.integrationLatency = deps.now() - started;
  };

  /** Remembers the answer (static MOCK memo, stage cache) and returns it. */
  const respond: Step = (f) => {
    const { req, response } = f;
    if (!f.o.test && req.body.length === 0 && req.headers['content-type'] === undefined && typeof response.body === 'string') {
      // Every later caller shares the memoized answer: a frozen copy, so no caller (this
      // one included, which keeps its own object) can change what the others receive.
      const info = staticInfo(f.method, f.resource.path);
      if (info.routeKey && !info.response) info.response = frozenResponse(response);
    }
    if (f.cacheKey !== undefined && response.statusCode >= 200 && response.statusCode < 300) deps.cache.set(f.cacheKey, response, f.setting.cacheTtlInSeconds ?? 300);
    return f.control === 'warn' ? withCacheControlWarning(response) : response;
  };

  const steps: Step[] = [route, throttle, authorizeStep, validate, cache, transform, invoke, respond];

  /** Ends the pipeline on an error: its gateway response, an execution log line, a log line for the unexpected. */
  const fail = (f: Flight, error: unknown): GatewayResponse => {
    const gatewayError = error instanceof GatewayError ? error : new GatewayError('API_CONFIGURATION_ERROR');
    const failure = describeFailure(error);
    f.integrated = false;
    if (failure.isError) f.trace?.error(failure.message);
    else f.trace?.info(failure.message);
    if (!(error instanceof GatewayError) || gatewayError.statusCode === 502 || gatewayError.detail) deps.log(`${f.ctx.requestId} ${failure.message}`);
    return renderGatewayResponse(api.gatewayResponses ?? {}, gatewayError, f.ctx, f.params, f.stageVariables);
  };

  const run = async (req: NormalizedRequest, ctx: RequestContext, o: RunOptions = {}): Promise<GatewayResponse> => {
    // Every field from the start: one object shape for all requests (the steps fill them in).
    const f = {
      req, ctx, o, trace: o.trace, integrated: false, control: 'read', stageVariables: o.stageVariables ?? deps.stageVariables,
      params: { path: {}, querystring: lastValues(req.multiQuery), header: req.headers },
      resource: undefined, method: undefined, routeKey: '', setting: undefined, contentType: '', bodyText: '', integration: undefined,
      cacheKey: undefined, transformed: undefined, response: undefined,
    } as unknown as Flight;
    let response: GatewayResponse | undefined;
    try {
      for (const step of steps) {
        const pending = step(f);
        const answer = pending instanceof Promise ? await pending : pending;
        if (answer) {
          response = answer;
          break;
        }
      }
    } catch (error) {
      response = fail(f, error);
    }
    if (f.trace) {
      traceCompletion(f.trace, response!, f.integrated);
      if (!o.trace) for (const line of executionLogLines(f.trace, ctx.requestId)) deps.executionLog!(line);
    }
    return response!;
  };
  return { run, fast, match: (httpMethod, path) => router.match(httpMethod, path) };
}

/** One request on its way through the pipeline: the steps read what earlier steps filled in. */
interface Flight {
  req: NormalizedRequest;
  ctx: RequestContext;
  o: RunOptions;
  stageVariables: Record<string, string>;
  params: VtlParams;
  trace?: ExecutionTrace;
  /** Whether the integration was called (the execution log's completion line says so). */
  integrated: boolean;
  // route
  resource: Resource;
  method: Method;
  routeKey: string;
  setting: EffectiveMethodSetting;
  // validate
  contentType: string;
  bodyText: string;
  integration: Integration;
  // cache
  cacheKey?: string;
  control: ReturnType<typeof cacheControl>;
  // transform, invoke
  transformed?: string;
  response: GatewayResponse;
}

/** A pipeline step: returns a response to end the pipeline early, or nothing to go on. */
type Step = (f: Flight) => GatewayResponse | void | Promise<GatewayResponse | void>;

/** A deep-frozen copy of a response with a string body (a Buffer cannot be frozen). */
function frozenResponse(response: GatewayResponse): GatewayResponse {
  const headers: GatewayResponse['headers'] = {};
  for (const [k, v] of Object.entries(response.headers)) headers[k] = Array.isArray(v) ? Object.freeze([...v]) as string[] : v;
  return Object.freeze({ statusCode: response.statusCode, headers: Object.freeze(headers), body: response.body });
}

/** A compiled snapshot: the full pipeline, and the answer of static MOCK routes without it. */
export interface CompiledSnapshot {
  run(req: NormalizedRequest, ctx: RequestContext, options?: RunOptions): Promise<GatewayResponse>;
  /** The snapshot's route of a request (null: none), for `fast` and then `run` (so a request is routed once). */
  match(httpMethod: string, path: string): RouteMatch | null;
  fast(route: RouteMatch | null): GatewayResponse | undefined;
}
