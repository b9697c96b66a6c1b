import type { Api, Method, Stage } from '@gitway/core';
import { createRequestValidator } from './createRequestValidator.js';
import type { RequestContext } from './createRequestContext.js';
import { GatewayError } from './GatewayError.js';
import { ExecutionTrace } from './executionLog/ExecutionTrace.js';
import { executionLogLines } from './executionLog/formatExecutionLog.js';
import { describeFailure, traceCompletion, traceMethodRequest } from './executionLog/traceSteps.js';
import { invokeIntegration } from './integrations/invokeIntegration.js';
import { renderGatewayResponse } from './renderGatewayResponse.js';
import { resourceIdOf } from './resourceIdOf.js';
import { compileRouter } from './router/compileRouter.js';
import type { createResponseCache } from './settings/createResponseCache.js';
import type { createThrottle } from './settings/createThrottle.js';
import { cacheControl, withCacheControlWarning } from './settings/cacheControl.js';
import { methodSettingFor } from './settings/methodSettingFor.js';
import { isStaticMock } from './staticMock.js';
import { authorize } from './authorize.js';
import type { FetchLike, GatewayResponse, LambdaHandler } from './types.js';
import { createVtlInput, type VtlParams } from './vtl/createVtlInput.js';
import { createVtlUtil } from './vtl/createVtlUtil.js';
import { renderTemplate } from './vtl/renderTemplate.js';
import { selectRequestTemplate } from './vtl/selectRequestTemplate.js';

/** API Gateway's payload limit. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

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
}

const util = createVtlUtil();

/**
 * Compiles one deployment snapshot (router, validators) for a stage: `run` is the full
 * request pipeline, which never throws (failures become gateway responses); `fast`
 * answers static MOCK routes (isStaticMock) from the response `run` produced for them.
 *
 * @example
 * const snapshot = compileSnapshot(api, { stage, stageVariables: stage.variables ?? {}, handlers: {}, fetch, now, log, throttle, cache });
 * const response = snapshot.fast('GET', '/health') ?? (await snapshot.run(request, ctx));
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
  const validate = createRequestValidator(api);
  const { stage } = deps;
  const logs = (setting: { loggingLevel?: string }) => deps.executionLog !== undefined && (setting.loggingLevel === 'INFO' || setting.loggingLevel === 'ERROR');
  const settings = new Map<string, ReturnType<typeof methodSettingFor>>();
  // Static MOCK methods (see isStaticMock): their one answer, once the full pipeline produced it.
  const staticAnswers = new WeakMap<Method, { routeKey: string; response?: GatewayResponse }>();
  const staticInfo = (method: Method, resourcePath: string) => {
    let info = staticAnswers.get(method);
    if (info === undefined) {
      const routeKey = `${method.httpMethod} ${resourcePath}`;
      let setting = settings.get(routeKey);
      if (!setting) settings.set(routeKey, (setting = methodSettingFor(stage.methodSettings, resourcePath, method.httpMethod)));
      info = { routeKey: isStaticMock(api, method, stage, setting) && !logs(setting) ? routeKey : '' };
      staticAnswers.set(method, info);
    }
    return info;
  };

  /** The answer of a static MOCK route for a bodiless request without Content-Type, or undefined. */
  const fast = (httpMethod: string, path: string): GatewayResponse | undefined => {
    const route = router.match(httpMethod, path);
    if (!route) return undefined;
    const info = staticInfo(route.method, route.resource.path);
    if (!info.response) return undefined;
    if (!deps.throttle.take(info.routeKey, settings.get(info.routeKey)!)) return undefined; // the full path answers 429
    return info.response;
  };

  const run = async (req: NormalizedRequest, ctx: RequestContext, o: RunOptions = {}): Promise<GatewayResponse> => {
    const state: { trace?: ExecutionTrace; integrated: boolean } = { trace: o.trace, integrated: false };
    const response = await pipeline(req, ctx, o, state);
    const trace = state.trace;
    if (trace) {
      traceCompletion(trace, response, state.integrated);
      if (!o.trace) for (const line of executionLogLines(trace, ctx.requestId)) deps.executionLog!(line);
    }
    return response;
  };

  const pipeline = async (req: NormalizedRequest, ctx: RequestContext, o: RunOptions, state: { trace?: ExecutionTrace; integrated: boolean }): Promise<GatewayResponse> => {
    const stageVariables = o.stageVariables ?? deps.stageVariables;
    const params: VtlParams = {
      path: {},
      querystring: Object.fromEntries(Object.entries(req.multiQuery).map(([k, v]) => [k, v[v.length - 1]])),
      header: req.headers,
    };
    try {
      if (req.body.length > MAX_PAYLOAD_BYTES) throw new GatewayError('REQUEST_TOO_LARGE');
      const route = router.match(req.method, req.path);
      if (!route) throw new GatewayError('MISSING_AUTHENTICATION_TOKEN');
      const { resource, method } = route;
      params.path = route.pathParameters;
      ctx.resourcePath = resource.path;
      ctx.resourceId = resourceIdOf(resource.path);

      const routeKey = `${method.httpMethod} ${resource.path}`;
      let setting = settings.get(routeKey);
      if (!setting) settings.set(routeKey, (setting = methodSettingFor(stage.methodSettings, resource.path, method.httpMethod)));
      if (!state.trace && logs(setting)) state.trace = new ExecutionTrace(deps.now, setting);
      const trace = state.trace;
      if (trace) traceMethodRequest(trace, { requestId: ctx.requestId, method: req.method, path: req.path, pathParams: params.path, query: req.multiQuery, headers: req.headers, body: req.body });
      if (!o.test && !deps.throttle.take(routeKey, setting)) throw new GatewayError('THROTTLED');

      if (!o.test && (method.authorizationType !== 'NONE' || method.apiKeyRequired)) {
        await authorize({
          api, method, resourcePath: resource.path, path: req.path, headers: req.headers, params, stageVariables, context: ctx,
          handlers: deps.handlers, now: deps.now, log: deps.log, apiKeys: deps.apiKeys,
        });
      }

      const contentType = (req.headers['content-type'] ?? 'application/json').split(';')[0].trim().toLowerCase();
      const bodyText = req.body.toString('utf8');
      validate(method, params, contentType, bodyText);

      const integration = method.methodIntegration;
      if (!integration) throw new GatewayError('API_CONFIGURATION_ERROR');
      const caching = !o.test && stage.cacheClusterEnabled && setting.cachingEnabled === true && (setting.specific || req.method === 'GET');
      let cacheKey: string | undefined;
      let control: ReturnType<typeof cacheControl> = 'read';
      if (caching) {
        const keyParams = (integration.cacheKeyParameters ?? []).map((p) => {
          const m = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(p);
          const source = m ? params[m[1] as keyof VtlParams] : undefined;
          return `${p}=${source?.[m![1] === 'header' ? m![2].toLowerCase() : m![2]] ?? ''}`;
        });
        cacheKey = [req.method, req.path, ...keyParams].join('\n');
        control = cacheControl(req.headers, setting);
        if (control === 'deny') throw new GatewayError('ACCESS_DENIED', 403, `User: anonymous is not authorized to perform: execute-api:InvalidateCache on resource: arn:aws:execute-api:us-east-1:${ctx.accountId}:${ctx.apiId}/${ctx.stage}/${req.method}${req.path}`);
        const hit = control === 'refresh' ? undefined : deps.cache.get(cacheKey);
        if (hit) return control === 'warn' ? withCacheControlWarning(hit) : { ...hit, headers: { ...hit.headers } };
      }

      const proxy = integration.type === 'HTTP_PROXY' || integration.type === 'AWS_PROXY';
      const template = proxy ? undefined : selectRequestTemplate(integration, contentType);
      let transformed: string | undefined;
      try {
        transformed = template === undefined ? undefined : renderTemplate(template, { input: createVtlInput(bodyText, params), util, context: ctx, stageVariables });
      } catch (error) {
        throw GatewayError.configuration(`Unable to transform request: ${(error as Error)?.message ?? String(error)}`, error);
      }
      const started = deps.now();
      state.integrated = true;
      const response = await invokeIntegration({
        api, integration, resourcePath: resource.path, method: req.method, path: req.path, headers: req.headers, multiQuery: req.multiQuery,
        params, body: req.body, contentType, transformed, stageVariables, context: ctx, handlers: deps.handlers, fetch: deps.fetch, now: deps.now, trace,
      });
      ctx.integrationLatency = deps.now() - started;
      if (!o.test && req.body.length === 0 && req.headers['content-type'] === undefined) {
        const info = staticInfo(method, resource.path);
        if (info.routeKey && !info.response) info.response = response;
      }
      if (cacheKey !== undefined && response.statusCode >= 200 && response.statusCode < 300) deps.cache.set(cacheKey, response, setting.cacheTtlInSeconds ?? 300);
      return control === 'warn' ? withCacheControlWarning(response) : response;
    } catch (error) {
      const gatewayError = error instanceof GatewayError ? error : new GatewayError('API_CONFIGURATION_ERROR');
      const failure = describeFailure(error);
      state.integrated = false;
      if (failure.isError) state.trace?.error(failure.message);
      else state.trace?.info(failure.message);
      if (!(error instanceof GatewayError) || gatewayError.statusCode === 502 || gatewayError.detail) deps.log(`${ctx.requestId} ${failure.message}`);
      return renderGatewayResponse(api.gatewayResponses ?? {}, gatewayError, ctx, params, stageVariables);
    }
  };
  return { run, fast };
}

/** A compiled snapshot: the full pipeline, and the answer of static MOCK routes without it. */
export interface CompiledSnapshot {
  run(req: NormalizedRequest, ctx: RequestContext, options?: RunOptions): Promise<GatewayResponse>;
  fast(httpMethod: string, path: string): GatewayResponse | undefined;
}
