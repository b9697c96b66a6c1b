import { compileSnapshot, type NormalizedRequest } from './compileSnapshot.js';
import { createRequestContext } from './createRequestContext.js';
import { compileAccessLog } from './formatAccessLog.js';
import { createResponseCache } from './settings/createResponseCache.js';
import { createThrottle } from './settings/createThrottle.js';
import { markCanary } from './servedByCanary.js';
import { createTlsFetch } from './integrations/createTlsFetch.js';
import type { RouteMatch } from './router/compileRouter.js';
import { testInvoke, type TestInvokeRequest } from './testInvoke.js';
import type { CreateGatewayOptions, FetchLike, Gateway, GatewayRequest } from './types.js';

/**
 * Compiles a stage snapshot into a request handler that answers as API Gateway would:
 * routing, request validation, mapping templates, MOCK/HTTP/HTTP_PROXY/AWS_PROXY
 * integrations, integration and gateway responses, throttling, caching, canary traffic
 * and access logs. Pure: no sockets, clock and randomness injected. Methods whose stage
 * setting `loggingLevel` is INFO or ERROR write execution log lines to `executionLog`;
 * `testInvoke` runs TestInvokeMethod with the full execution log.
 *
 * @example
 * const gateway = createGateway({ api, stage, handlers: { getPet: async (event) => ({ statusCode: 200, body: '{}' }) } });
 * const res = await gateway.handle({ method: 'GET', path: '/pets/1', headers: {}, query: {} });
 * res.statusCode; // 200
 * const test = await gateway.testInvoke({ httpMethod: 'GET', pathWithQueryString: '/pets/1' });
 * test.log; // 'Execution log for request ...\n... : Method completed with status: 200'
 */
export function createGateway(options: CreateGatewayOptions): Gateway {
  const { api, stage, canaryApi } = options;
  const now = options.now ?? (() => Date.now());
  const random = options.random ?? (() => Math.random());
  const idRandom = options.random;
  const log = options.log ?? (() => {});
  const fetch: FetchLike = options.fetch ?? createTlsFetch({ clientCertificate: options.clientCertificate });
  const variables = stage.variables ?? {};
  const apiKeys = options.apiKeys ? new Set(options.apiKeys) : undefined;
  const shared = { stage, handlers: options.handlers ?? {}, fetch, now, log, executionLog: options.executionLog, throttle: createThrottle(now), apiKeys };
  const main = compileSnapshot(api, { ...shared, stageVariables: variables, cache: createResponseCache(now) });
  const canarySettings = stage.canarySettings;
  const percent = canarySettings?.percentTraffic ?? 0;
  const canaryVariables = { ...variables, ...canarySettings?.stageVariableOverrides };
  const compileCanary = (api: NonNullable<typeof canaryApi>) => compileSnapshot(api, { ...shared, stageVariables: canaryVariables, cache: createResponseCache(now) });
  const canary = canaryApi && percent > 0 ? compileCanary(canaryApi) : undefined;
  let testCanary = canary;
  const accessLogFormat = stage.accessLogSettings?.format;
  const accessLog = accessLogFormat ? compileAccessLog(accessLogFormat) : undefined;

  return {
    async handle(request: GatewayRequest) {
      const useCanary = canary !== undefined && random() * 100 < percent;
      const snapshot = useCanary ? canary : main;
      const method = request.method.toUpperCase();
      const path = request.path || '/';
      // Static MOCK routes answer without building $context when nothing would read it; other
      // routes go on with the route found here (a request is routed once).
      let match: RouteMatch | null | undefined;
      if (!accessLogFormat && (request.body === undefined || request.body.length === 0) && !hasContentType(request.headers)) {
        match = snapshot.match(method, path);
        const answer = snapshot.fast(match);
        if (answer) return useCanary ? markCanary(answer) : answer;
      }
      const started = now();
      const headers: Record<string, string> = Object.create(null);
      const given = request.headers;
      for (const k in given) if (Object.hasOwn(given, k)) headers[k.toLowerCase()] = given[k];
      const multiQuery: Record<string, string[]> = Object.create(null);
      const query = request.query;
      for (const k in query) if (Object.hasOwn(query, k)) multiQuery[k] = Array.isArray(query[k]) ? (query[k] as string[]) : [query[k] as string];
      const body = request.body === undefined ? Buffer.alloc(0) : typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
      const req: NormalizedRequest = { method, path, headers, multiQuery, body };
      const ctx = createRequestContext({
        now: started, random: idRandom, stageName: stage.stageName, apiId: options.apiId ?? 'local', accountId: options.accountId ?? '000000000000',
        method: req.method, path: req.path, headers, sourceIp: request.sourceIp ?? '127.0.0.1', requestId: request.requestId,
      });
      ctx.isCanaryRequest = useCanary;
      const response = await snapshot.run(req, ctx, match === undefined ? undefined : { match });
      // Only the access log reads $context after the response (its length costs a pass over the body).
      if (accessLog) {
        ctx.status = response.statusCode;
        ctx.responseLength = Buffer.byteLength(response.body);
        ctx.responseLatency = now() - started;
        log(accessLog(ctx));
      }
      return useCanary ? markCanary(response) : response;
    },

    async testInvoke(t: TestInvokeRequest) {
      let snapshot = main;
      if (t.canary) {
        if (!canaryApi) throw new TypeError(`testInvoke: stage ${stage.stageName} has no canary deployment`);
        snapshot = testCanary ??= compileCanary(canaryApi);
      }
      const stageVariables = { ...(t.canary ? canaryVariables : variables), ...t.stageVariables };
      return testInvoke(snapshot, t, { stageName: stage.stageName, stageVariables, now, random: idRandom, apiId: options.apiId ?? 'local', accountId: options.accountId ?? '000000000000', isCanary: t.canary === true });
    },
  };
}

function hasContentType(headers: Record<string, string | string[] | undefined>): boolean {
  for (const key in headers) if (key.length === 12 && key.toLowerCase() === 'content-type') return true;
  return false;
}
