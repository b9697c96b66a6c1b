import type { Api, Method, Stage } from '@gitway/core';
import { describe, expect, it } from 'vitest';
import { createGateway } from './createGateway.js';
import { createRequestContext } from './createRequestContext.js';
import { findHandler } from './integrations/findHandler.js';
import { parseMockStatusCode } from './integrations/parseMockStatusCode.js';
import type { LambdaHandler } from './types.js';

// What the per-request hot path parses once and reuses: each memo gives the same answer as
// a first reading, for every input, and never mixes up two inputs.

const stage: Stage = { stageName: 'prod', deploymentId: 'd1', cacheClusterEnabled: false, tracingEnabled: false, createdDate: '', lastUpdatedDate: '' };
const mockMethod = (template: string, extra: Partial<Method> = {}): Method => ({
  httpMethod: 'GET', authorizationType: 'NONE',
  methodIntegration: { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' }, integrationResponses: { default: { statusCode: '200', responseTemplates: { 'application/json': template } } } },
  ...extra,
});
const apiOf = (resources: Api['resources'], authorizers: Api['authorizers'] = {}): Api => ({ restApi: { name: 't' }, resources, models: {}, authorizers, requestValidators: {}, gatewayResponses: {} });
const get = (path: string, headers: Record<string, string> = {}, query: Record<string, string | string[]> = {}) => ({ method: 'GET', path, headers, query });
const text = (r: { body: string | Buffer }) => String(r.body);

describe('parseMockStatusCode reads a repeated text as it read it the first time', () => {
  const table: [string, number | null][] = [
    ['{"statusCode": 200}', 200], ['{ statusCode: 404 }', 404], ['{"statusCode": "200"}', null], ["{'statusCode': 201, }", 201],
    ['{"statusCode": 2.5}', null], ['not json', null], ['{"statusCode": 503, "x": [1]}', 503], ['x'.repeat(300), null],
  ];
  it('every text, read three times, in alternation', () => {
    for (let round = 0; round < 3; round++) for (const [body, status] of table) expect([body, parseMockStatusCode(body)]).toEqual([body, status]);
  });

  it('past 1,000 remembered texts it starts over and still answers each correctly', () => {
    for (let i = 0; i < 2500; i++) expect(parseMockStatusCode(`{"statusCode": ${100 + i}}`)).toBe(100 + i);
    for (const [body, status] of table) expect(parseMockStatusCode(body)).toBe(status);
    expect(parseMockStatusCode('{"statusCode": 150}')).toBe(150);
  });
});

describe('the query string as templates see it', () => {
  it("takes each parameter's last value; a '__proto__' parameter is an own value, not a prototype", async () => {
    const gw = createGateway({ api: apiOf({ '/q': { path: '/q', resourceMethods: { GET: mockMethod("$input.params('a')|$input.params('__proto__')|$input.params().querystring") } } }), stage });
    const res = await gw.handle(get('/q', {}, { a: ['1', '2'], ['__proto__']: 'x' }));
    expect(text(res)).toBe('2|x|{a=2, __proto__=x}');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('a request is routed once', () => {
  it('the route found for the static-answer check is the one the pipeline runs (path parameters, 403 for none)', async () => {
    const gw = createGateway({
      api: apiOf({
        '/pets/{id}': { path: '/pets/{id}', resourceMethods: { GET: mockMethod("$input.params('id')") } },
        '/pets/static': { path: '/pets/static', resourceMethods: { GET: mockMethod('{"static": true}') } },
      }),
      stage,
    });
    for (let i = 0; i < 3; i++) {
      expect(text(await gw.handle(get('/pets/7')))).toBe('7');
      expect(text(await gw.handle(get('/pets/static')))).toBe('{"static": true}');
      expect(text(await gw.handle(get('/pets/%37')))).toBe('7');
      expect((await gw.handle(get('/cats/1'))).statusCode).toBe(403);
      // with a body the static check is skipped and the pipeline routes by itself
      expect(text(await gw.handle({ ...get('/pets/8'), method: 'get', body: '{}' }))).toBe('8');
    }
  });
});

describe('authorizers: identity sources, validation expressions and policy patterns parsed once', () => {
  const URI = (fn: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:${fn}/invocations`;
  /** Allows the resource pattern the token names ("allow <pattern>"), else denies. */
  const auth: LambdaHandler = async (event: any) => {
    const token: string = event.type === 'TOKEN' ? event.authorizationToken : `${event.headers['x-a']} ${event.queryStringParameters.b}`;
    const [effect, resource] = token.split(' ');
    return { principalId: 'p', policyDocument: { Statement: [{ Action: 'execute-api:*', Effect: effect === 'allow' ? 'Allow' : 'Deny', Resource: resource }] } };
  };
  const api = apiOf(
    {
      '/t1': { path: '/t1', resourceMethods: { GET: mockMethod('t1', { authorizationType: 'CUSTOM', authorizerId: 'one' }) } },
      '/t2': { path: '/t2', resourceMethods: { GET: mockMethod('t2', { authorizationType: 'CUSTOM', authorizerId: 'two' }) } },
      '/r': { path: '/r', resourceMethods: { GET: mockMethod('r', { authorizationType: 'CUSTOM', authorizerId: 'req' }) } },
    },
    {
      one: { name: 'one', type: 'TOKEN', authorizerUri: URI('auth'), identitySource: 'method.request.header.X-One', identityValidationExpression: 'allow .*' },
      two: { name: 'two', type: 'TOKEN', authorizerUri: URI('auth'), identitySource: 'method.request.header.X-Two', identityValidationExpression: '(allow|deny) .*' },
      req: { name: 'req', type: 'REQUEST', authorizerUri: URI('auth'), identitySource: 'method.request.header.X-A, method.request.querystring.b' },
    },
  );
  const arn = (path: string) => `arn:aws:execute-api:us-east-1:000000000000:local/prod/GET${path}`;

  it('each authorizer reads its own header and expression; each policy pattern matches as written', async () => {
    const gw = createGateway({ api, stage, handlers: { auth }, log: () => {} });
    const cases: [string, Record<string, string>, Record<string, string>, number][] = [
      ['/t1', { 'x-one': `allow ${arn('/t1')}` }, {}, 200],
      ['/t1', { 'x-two': `allow ${arn('/t1')}` }, {}, 401],
      ['/t1', { 'x-one': `deny ${arn('/t1')}` }, {}, 401], // fails one's expression
      ['/t2', { 'x-two': `deny ${arn('/t2')}` }, {}, 403],
      ['/t2', { 'x-two': 'allow arn:aws:execute-api:us-east-1:000000000000:local/prod/*' }, {}, 200],
      ['/t2', { 'x-two': 'allow arn:aws:execute-api:us-east-1:000000000000:local/prod/GET/t?' }, {}, 200],
      ['/t2', { 'x-two': 'allow arn:aws:execute-api:us-east-1:000000000000:local/prod/GET/t1' }, {}, 403],
      ['/t2', { 'x-two': 'allow arn:aws:execute-api:us-east-1:000000000000:local/prod/GET/t.' }, {}, 403], // '.' is literal
      ['/r', { 'x-a': 'allow' }, { b: arn('/r') }, 200],
      ['/r', { 'x-a': 'allow' }, {}, 401],
      ['/r', { 'x-a': 'deny' }, { b: arn('/r') }, 403],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [path, headers, query, status] of cases) expect([path, headers, query, (await gw.handle(get(path, headers, query))).statusCode]).toEqual([path, headers, query, status]);
    }
  });

  it('two gateways with different handler tables for the same URI each call their own', async () => {
    const other: LambdaHandler = async () => ({ principalId: 'p', policyDocument: { Statement: [{ Action: '*', Effect: 'Deny', Resource: '*' }] } });
    const byName = createGateway({ api, stage, handlers: { auth }, log: () => {} });
    const byArn = createGateway({ api, stage, handlers: { 'arn:aws:lambda:us-east-1:1:function:auth': other }, log: () => {} });
    const headers = { 'x-one': `allow ${arn('/t1')}` };
    expect([(await byName.handle(get('/t1', headers))).statusCode, (await byArn.handle(get('/t1', headers))).statusCode, (await byName.handle(get('/t1', headers))).statusCode]).toEqual([200, 403, 200]);
  });

  it('findHandler: the URI, the function ARN, name:alias, then name; a later table entry is seen', () => {
    const h: LambdaHandler = () => null;
    const uri = URI('fn:live');
    const handlers: Record<string, LambdaHandler> = {};
    expect(findHandler(handlers, uri)).toEqual({ name: 'fn' });
    handlers.fn = h;
    expect(findHandler(handlers, uri)).toEqual({ name: 'fn', handler: h });
    const alias: LambdaHandler = () => 1;
    handlers['fn:live'] = alias;
    expect(findHandler(handlers, uri).handler).toBe(alias);
    expect(findHandler({ plain: h }, 'plain')).toEqual({ name: 'plain', handler: h });
  });
});

describe('$context.requestTime, formatted once per second', () => {
  const at = (now: number) => createRequestContext({ now, stageName: 's', apiId: 'a', accountId: '1', method: 'GET', path: '/', headers: {}, sourceIp: '1', requestId: 'r' }).requestTime;
  it('the same second gives the same text; the next second, or an earlier one, a new one (injected clock)', () => {
    const t = Date.UTC(2024, 1, 29, 23, 59, 58);
    expect([at(t), at(t + 999)]).toEqual(['29/Feb/2024:23:59:58 +0000', '29/Feb/2024:23:59:58 +0000']);
    expect(at(t + 1000)).toBe('29/Feb/2024:23:59:59 +0000');
    expect(at(t + 2000)).toBe('01/Mar/2024:00:00:00 +0000');
    expect(at(t)).toBe('29/Feb/2024:23:59:58 +0000');
    expect(at(0)).toBe('01/Jan/1970:00:00:00 +0000');
  });
});

describe('access log formats compiled once', () => {
  /** The per-request formatter this replaced: one regex replace over the format. */
  const reference = (format: string, context: Record<string, unknown>) =>
    format.replace(/\$context\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)/g, (_, path: string) => {
      let value: unknown = context;
      for (const key of path.split('.')) value = value && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
      return value === undefined || value === null || value === '' ? '-' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    });
  it('writes what the per-request formatter wrote, for every format and context', async () => {
    const { compileAccessLog, formatAccessLog } = await import('./formatAccessLog.js');
    const ctx = { ...createRequestContext({ now: 0, stageName: 's', apiId: 'a', accountId: '1', method: 'GET', path: '/p', headers: { host: 'h.example' }, sourceIp: '1.2.3.4', requestId: 'r-1' }), status: 200, empty: '', nul: null, n: 0, authorizer: { principalId: 'p', claims: { sub: 'x' } } };
    const formats = [
      '', 'plain text', '$context.requestId', '$context.requestId.', '$context.requestId$context.status', '{"id":"$context.requestId","ip":"$context.identity.sourceIp","t":"$context.requestTime"}',
      '$context.identity', '$context.authorizer.claims.sub $context.authorizer.claims.nope $context.nope.deeper', '$context.empty|$context.nul|$context.n', '$$context.status $context. $context.__proto__ $context.constructor',
      '$context.error.message $context.resourcePath $context.domainPrefix $context.extendedRequestId', 'a $context.status b $context.status c',
    ];
    for (const format of formats) {
      const line = compileAccessLog(format);
      for (const context of [ctx, {}, { identity: 'flat' }]) {
        expect([format, line(context)]).toEqual([format, reference(format, context)]);
        expect(formatAccessLog(format, context)).toBe(reference(format, context));
      }
    }
  });

  it('a stage with access logs writes one line per request, with the status and length of the answer', async () => {
    const lines: string[] = [];
    const gw = createGateway({
      api: apiOf({ '/a': { path: '/a', resourceMethods: { GET: mockMethod('{"ok": true}') } } }),
      stage: { ...stage, accessLogSettings: { format: '$context.httpMethod $context.resourcePath $context.status $context.responseLength $context.requestId', destinationArn: 'arn' } },
      log: (line) => lines.push(line),
    });
    await gw.handle({ ...get('/a'), requestId: 'id-1' });
    await gw.handle({ ...get('/b'), requestId: 'id-2' });
    expect(lines).toEqual(['GET /a 200 12 id-1', 'GET - 403 42 id-2']);
  });
});

describe('the response template an Accept header picks, remembered per response', () => {
  it('picks by Accept (first listed type with a template, else application/json, else the first), whatever came before', async () => {
    const method = mockMethod('');
    method.methodIntegration!.integrationResponses!.default.responseTemplates = { 'application/xml': '<a/>', 'application/json': '{"a":1}' };
    const gw = createGateway({ api: apiOf({ '/a': { path: '/a', resourceMethods: { GET: method } } }), stage });
    const long = `${'text/x-long;q=0.1, '.repeat(20)}application/xml`;
    const cases: [string | undefined, string][] = [
      ['application/xml', '<a/>'], [undefined, '{"a":1}'], ['text/html, application/xml;q=0.9', '<a/>'], ['APPLICATION/XML', '<a/>'],
      ['text/html', '{"a":1}'], [long, '<a/>'], ['application/json, application/xml', '{"a":1}'], ['', '{"a":1}'],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [accept, body] of cases) {
        const res = await gw.handle(get('/a', accept === undefined ? {} : { accept }));
        expect([accept, text(res), res.headers['content-type']]).toEqual([accept, body, body.startsWith('<') ? 'application/xml' : 'application/json']);
      }
    }
  });
});

describe('$context derived fields', () => {
  const ctx = (host: string | undefined, requestId: string) =>
    createRequestContext({ now: 0, stageName: 's', apiId: 'a', accountId: '1', method: 'GET', path: '/', headers: host === undefined ? {} : { host }, sourceIp: '1', requestId });
  it('domainName and domainPrefix from Host, extendedRequestId from the request id', () => {
    expect([ctx('api.example.com', 'r').domainName, ctx('api.example.com', 'r').domainPrefix]).toEqual(['api.example.com', 'api']);
    expect([ctx('localhost:3000', 'r').domainPrefix, ctx(undefined, 'r').domainPrefix, ctx('', 'r').domainPrefix, ctx('.x', 'r').domainPrefix]).toEqual(['localhost:3000', 'localhost', '', '']);
    expect(ctx(undefined, 'c0ffee00-1234-4abc-8def-0123456789ab').extendedRequestId).toBe('c0ffee0012344abc=');
    expect([ctx(undefined, 'plain').extendedRequestId, ctx(undefined, 'a-b-c-d-e-f-g-h-i-j-k').extendedRequestId]).toEqual(['plain=', 'abcdefghi=']);
  });
});

describe('execution log data lines are formatted only when written', () => {
  it('keepsData: INFO with dataTraceEnabled, and TestInvokeMethod (the default setting); no data entries otherwise', async () => {
    const { ExecutionTrace } = await import('./executionLog/ExecutionTrace.js');
    const { traceMethodRequest } = await import('./executionLog/traceSteps.js');
    const request = { requestId: 'r', method: 'GET', path: '/p', pathParams: {}, query: {}, headers: { authorization: 'secret-token-123456' }, body: Buffer.from('{}') };
    const kinds = (setting?: { loggingLevel?: string; dataTraceEnabled?: boolean }) => {
      const trace = new ExecutionTrace(() => 0, setting);
      traceMethodRequest(trace, request);
      return [trace.keepsData, trace.entries.map((e) => e.kind).join(',')];
    };
    expect(kinds()).toEqual([true, 'info,info,info,info,data,data']);
    expect(kinds({ loggingLevel: 'INFO', dataTraceEnabled: true })).toEqual([true, 'info,info,info,info,data,data']);
    expect(kinds({ loggingLevel: 'INFO', dataTraceEnabled: false })).toEqual([false, 'info,info,info,info']);
    expect(kinds({ loggingLevel: 'INFO' })).toEqual([false, 'info,info,info,info']);
    expect(kinds({ loggingLevel: 'ERROR', dataTraceEnabled: true })).toEqual([false, 'info,info,info,info']);
  });
});

describe('stage cache keys, their parameters parsed once', () => {
  it('match the per-request reading for every kind of parameter', async () => {
    const { cacheKeyOf } = await import('./settings/cacheKeyOf.js');
    const reference = (httpMethod: string, path: string, cacheKeyParameters: string[] | undefined, params: { path: Record<string, string>; querystring: Record<string, string>; header: Record<string, string> }) =>
      [httpMethod, path, ...(cacheKeyParameters ?? []).map((p) => {
        const m = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(p);
        const source = m ? params[m[1] as 'path'] : undefined;
        return `${p}=${source?.[m![1] === 'header' ? m![2].toLowerCase() : m![2]] ?? ''}`;
      })].join('\n');
    const params = { path: { id: '7', '': 'e' }, querystring: { q: 'a b', Q: 'upper' }, header: { 'x-tenant': 't1', authorization: 'tok' } };
    const lists = [
      undefined, [], ['method.request.path.id'], ['method.request.querystring.q', 'method.request.querystring.Q', 'method.request.querystring.missing'],
      ['method.request.header.X-Tenant', 'method.request.header.x-tenant', 'method.request.header.Authorization'], ['method.request.body.x', 'integration.request.path.id', 'junk'],
      ['method.request.path.id', 'method.request.header.X-Tenant', 'method.request.path.id'],
    ];
    for (let round = 0; round < 2; round++) for (const list of lists) for (const [verb, path] of [['GET', '/a/7'], ['POST', '/']]) {
      expect(cacheKeyOf(verb, path, list, params)).toBe(reference(verb, path, list, params));
    }
  });
});
