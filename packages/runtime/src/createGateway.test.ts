import type { Api, Integration, Method, Stage } from '@gitway/core';
import { describe, expect, it } from 'vitest';
import { createGateway } from './createGateway.js';
import { servedByCanary } from './servedByCanary.js';
import type { GatewayRequest } from './types.js';

const stage = (over: Partial<Stage> = {}): Stage => ({
  stageName: 'prod', deploymentId: 'd1', cacheClusterEnabled: false, tracingEnabled: false, createdDate: '2024-01-01T00:00:00Z', lastUpdatedDate: '2024-01-01T00:00:00Z', ...over,
});
const mock = (over: Partial<Integration> = {}): Integration => ({
  type: 'MOCK',
  requestTemplates: { 'application/json': '{"statusCode": 200}' },
  integrationResponses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"pet":"$input.params(\'petId\')","stage":"$context.stage","v":"$stageVariables.v"}' } } },
  ...over,
});
const method = (over: Partial<Method> = {}): Method => ({ httpMethod: 'GET', authorizationType: 'NONE', methodIntegration: mock(), ...over });
const api = (over: Partial<Api> = {}): Api => ({
  restApi: { name: 'pets' },
  resources: {
    '/pets/{petId}': { path: '/pets/{petId}', resourceMethods: { GET: method() } },
    '/pets': {
      path: '/pets',
      resourceMethods: {
        POST: method({
          httpMethod: 'POST', requestValidatorId: 'all', requestModels: { 'application/json': 'NewPet' },
          requestParameters: { 'method.request.header.x-tenant': true, 'method.request.querystring.mode': false },
        }),
      },
    },
  },
  models: {
    NewPet: { name: 'NewPet', schema: { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object', required: ['name', 'tag'], properties: { name: { type: 'string' }, tag: { $ref: '#/components/schemas/Tag' } } } },
    Tag: { name: 'Tag', schema: { type: 'string', maxLength: 5 } },
  },
  authorizers: {},
  requestValidators: { all: { name: 'all', validateRequestBody: true, validateRequestParameters: true } },
  gatewayResponses: {},
  ...over,
});
const get = (path: string, over: Partial<GatewayRequest> = {}): GatewayRequest => ({ method: 'GET', path, headers: {}, query: {}, ...over });
const json = (body: Buffer | string) => JSON.parse(body.toString());

describe('createGateway', () => {
  it('serves a MOCK integration with request and response templates', async () => {
    const gw = createGateway({ api: api(), stage: stage({ variables: { v: 'one' } }) });
    const res = await gw.handle(get('/pets/7'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(json(res.body)).toEqual({ pet: '7', stage: 'prod', v: 'one' });
  });

  it('answers unknown routes and methods with 403 Missing Authentication Token', async () => {
    const gw = createGateway({ api: api(), stage: stage() });
    for (const req of [get('/nope'), get('/pets/1', { method: 'DELETE' }), get('/pets/%2e%2e'), get('/pets/1/../../x')]) {
      const res = await gw.handle(req);
      expect([res.statusCode, json(res.body)]).toEqual([403, { message: 'Missing Authentication Token' }]);
    }
  });

  it('validates required parameters and the body against a model with $refs', async () => {
    const gw = createGateway({ api: api(), stage: stage() });
    const post = (body: string, headers: Record<string, string> = { 'x-tenant': 't' }) => gw.handle({ method: 'POST', path: '/pets', headers: { 'content-type': 'application/json', ...headers }, query: {}, body });
    let res = await post('{"name":"rex","tag":"a"}', {});
    expect([res.statusCode, json(res.body)]).toEqual([400, { message: 'Missing required request parameters: [x-tenant]' }]);
    res = await post('{"name":"rex"');
    expect([res.statusCode, json(res.body)]).toEqual([400, { message: 'Invalid request body' }]);
    res = await post('{"name":"rex","tag":"too-long"}');
    expect(res.statusCode).toBe(400);
    res = await post('{"name":"rex","tag":"ok","__proto__":{"x":1}}');
    expect(res.statusCode).toBe(200);
  });

  it('applies passthroughBehavior: NEVER and WHEN_NO_TEMPLATES refuse unmatched content types with 415', async () => {
    for (const passthroughBehavior of ['NEVER', 'WHEN_NO_TEMPLATES'] as const) {
      const a = api({ resources: { '/x': { path: '/x', resourceMethods: { POST: method({ httpMethod: 'POST', methodIntegration: mock({ passthroughBehavior }) }) } } } });
      const res = await createGateway({ api: a, stage: stage() }).handle(get('/x', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }));
      expect([res.statusCode, json(res.body)]).toEqual([415, { message: 'Unsupported Media Type' }]);
    }
  });

  it('selects integration responses by pattern and maps response parameters', async () => {
    const integration = mock({
      requestTemplates: { 'application/json': '{"statusCode": $input.params(\'code\')}' },
      integrationResponses: {
        default: { statusCode: '200' },
        '4\\d{2}': { statusCode: '404', selectionPattern: '4\\d{2}', responseParameters: { 'method.response.header.X-Static': "'yes'", 'method.response.header.X-Stage': 'stageVariables.v' }, responseTemplates: { 'application/json': '{"missing":true}' } },
      },
    });
    const a = api({ resources: { '/c/{code}': { path: '/c/{code}', resourceMethods: { GET: method({ methodIntegration: integration }) } } } });
    const gw = createGateway({ api: a, stage: stage({ variables: { v: 's1' } }) });
    const notFound = await gw.handle(get('/c/404'));
    expect([notFound.statusCode, notFound.headers['x-static'], notFound.headers['x-stage'], json(notFound.body)]).toEqual([404, 'yes', 's1', { missing: true }]);
    expect((await gw.handle(get('/c/201'))).statusCode).toBe(200);
  });

  it('fails a runaway template or an unparseable MOCK status with 500 and a log line', async () => {
    const logs: string[] = [];
    const a = api({
      resources: {
        '/loop': { path: '/loop', resourceMethods: { GET: method({ methodIntegration: mock({ requestTemplates: { 'application/json': '#foreach($i in [1..999999999])x#end' } }) }) } },
        '/bad': { path: '/bad', resourceMethods: { GET: method({ methodIntegration: mock({ requestTemplates: { 'application/json': '{"statusCode": "200"}' } }) }) } },
      },
    });
    const gw = createGateway({ api: a, stage: stage(), log: (l) => logs.push(l) });
    for (const path of ['/loop', '/bad']) {
      const res = await gw.handle(get(path));
      expect([res.statusCode, json(res.body)]).toEqual([500, { message: 'Internal server error' }]);
    }
    expect(logs.join('\n')).toMatch(/iterations[\s\S]*statusCode/);
  });

  it('uses gateway response overrides with $context', async () => {
    const a = api({
      gatewayResponses: {
        MISSING_AUTHENTICATION_TOKEN: { responseType: 'MISSING_AUTHENTICATION_TOKEN', statusCode: '404', responseParameters: { 'gatewayresponse.header.X-Req': 'context.requestId' }, responseTemplates: { 'application/json': '{"error":$context.error.messageString,"type":"$context.error.responseType"}' } },
        DEFAULT_4XX: { responseType: 'DEFAULT_4XX', responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" } },
      },
    });
    const gw = createGateway({ api: a, stage: stage(), random: () => 0 });
    const res = await gw.handle(get('/nope'));
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-req']).toBe('00000000-0000-4000-8000-000000000000');
    expect(json(res.body)).toEqual({ error: 'Missing Authentication Token', type: 'MISSING_AUTHENTICATION_TOKEN' });
    const bad = await gw.handle({ method: 'POST', path: '/pets', headers: { 'x-tenant': 't' }, query: {}, body: 'nope' });
    expect([bad.statusCode, bad.headers['access-control-allow-origin']]).toEqual([400, '*']);
  });

  it('throttles per method with a token bucket on the injected clock', async () => {
    let t = 0;
    const gw = createGateway({ api: api(), stage: stage({ methodSettings: { '*/*': { throttlingRateLimit: 1000 }, 'pets/{petId}/GET': { throttlingRateLimit: 1, throttlingBurstLimit: 2 } } }), now: () => t });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await gw.handle(get('/pets/1'))).statusCode);
    const throttled = await gw.handle(get('/pets/1'));
    expect(json(throttled.body)).toEqual({ message: 'Too Many Requests' });
    t += 1000;
    codes.push((await gw.handle(get('/pets/1'))).statusCode);
    expect(codes).toEqual([200, 200, 429, 200]);
  });

  it('caches GET responses per path and cache key parameters, refreshed by a signed Cache-Control: max-age=0', async () => {
    let t = 0;
    let calls = 0;
    const handlers = { count: async () => ({ statusCode: 200, body: String(++calls) }) };
    const proxy: Integration = { type: 'AWS_PROXY', uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:count/invocations', cacheKeyParameters: ['method.request.querystring.q'] };
    const a = api({ resources: { '/n/{id}': { path: '/n/{id}', resourceMethods: { GET: method({ methodIntegration: proxy }) } } } });
    const gw = createGateway({ api: a, stage: stage({ cacheClusterEnabled: true, methodSettings: { '*/*': { cachingEnabled: true, cacheTtlInSeconds: 60 } } }), handlers, now: () => t });
    const body = async (req: GatewayRequest) => (await gw.handle(req)).body;
    expect(await body(get('/n/1'))).toBe('1');
    expect(await body(get('/n/1'))).toBe('1');
    expect(await body(get('/n/2'))).toBe('2');
    expect(await body(get('/n/1', { query: { q: 'a' } }))).toBe('3');
    expect(await body(get('/n/1', { headers: { 'Cache-Control': 'max-age=0', Authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/execute-api/aws4_request' } }))).toBe('4');
    t += 61_000;
    expect(await body(get('/n/1'))).toBe('5');
  });

  it('sends percentTraffic to the canary snapshot with overridden stage variables', async () => {
    const canaryApi = api();
    canaryApi.resources['/pets/{petId}'].resourceMethods.GET!.methodIntegration!.integrationResponses!.default.responseTemplates = { 'application/json': '{"canary":true,"v":"$stageVariables.v","c":$context.isCanaryRequest}' };
    const make = (roll: number) =>
      createGateway({ api: api(), canaryApi, stage: stage({ variables: { v: 'base' }, canarySettings: { percentTraffic: 10, stageVariableOverrides: { v: 'canary' } } }), random: () => roll });
    const toCanary = await make(0.05).handle(get('/pets/1'));
    expect(json(toCanary.body)).toEqual({ canary: true, v: 'canary', c: true });
    expect(servedByCanary(toCanary)).toBe(true);
    const toStage = await make(0.5).handle(get('/pets/1'));
    expect(json(toStage.body)).toEqual({ pet: '1', stage: 'prod', v: 'base' });
    expect(servedByCanary(toStage)).toBe(false);
  });

  it('writes access log lines in the stage format', async () => {
    const lines: string[] = [];
    const gw = createGateway({ api: api(), stage: stage({ accessLogSettings: { format: '$context.identity.sourceIp "$context.httpMethod $context.resourcePath" $context.status $context.requestTime $context.nope' } }), now: () => 0, log: (l) => lines.push(l) });
    await gw.handle(get('/pets/3', { sourceIp: '10.0.0.1' }));
    expect(lines).toEqual(['10.0.0.1 "GET /pets/{petId}" 200 01/Jan/1970:00:00:00 +0000 -']);
  });

  it('refuses bodies over 10 MB with 413', async () => {
    const res = await createGateway({ api: api(), stage: stage() }).handle(get('/pets/1', { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1) }));
    expect(res.statusCode).toBe(413);
  });

  it('invokes AWS_PROXY handlers with a v1 event and maps their result; missing or throwing handlers are 502', async () => {
    let event: any;
    const handlers = {
      echo: (e: any) => {
        event = e;
        return { statusCode: 201, headers: { 'x-a': '1' }, multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] }, body: Buffer.from('bin').toString('base64'), isBase64Encoded: true };
      },
      boom: () => {
        throw new Error('kaboom');
      },
    };
    const fn = (name: string): Integration => ({ type: 'AWS_PROXY', uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:${name}/invocations` });
    const a = api({
      resources: {
        '/e/{proxy+}': { path: '/e/{proxy+}', resourceMethods: { ANY: method({ httpMethod: 'ANY', methodIntegration: fn('${stageVariables.fn}') }) } },
        '/boom': { path: '/boom', resourceMethods: { GET: method({ methodIntegration: fn('boom') }) } },
        '/gone': { path: '/gone', resourceMethods: { GET: method({ methodIntegration: fn('gone') }) } },
        '/s3': { path: '/s3', resourceMethods: { GET: method({ methodIntegration: { type: 'AWS', uri: 'arn:aws:apigateway:us-east-1:s3:path/bucket/key' } }) } },
      },
    });
    const logs: string[] = [];
    const gw = createGateway({ api: a, stage: stage({ variables: { fn: 'echo' } }), handlers, log: (l) => logs.push(l) });
    const res = await gw.handle({ method: 'PUT', path: '/e/a/b', headers: { 'X-H': 'v' }, query: { m: ['1', '2'] }, body: '{"k":1}' });
    expect([res.statusCode, res.headers['x-a'], res.headers['set-cookie'], res.body.toString()]).toEqual([201, '1', ['a=1', 'b=2'], 'bin']);
    expect(event).toMatchObject({
      resource: '/e/{proxy+}', path: '/e/a/b', httpMethod: 'PUT', headers: { 'x-h': 'v' }, queryStringParameters: { m: '2' }, multiValueQueryStringParameters: { m: ['1', '2'] },
      pathParameters: { proxy: 'a/b' }, stageVariables: { fn: 'echo' }, body: '{"k":1}', isBase64Encoded: false, requestContext: { stage: 'prod', resourcePath: '/e/{proxy+}', httpMethod: 'PUT' },
    });
    for (const path of ['/boom', '/gone']) {
      const r = await gw.handle(get(path));
      expect([r.statusCode, json(r.body)]).toEqual([502, { message: 'Internal server error' }]);
    }
    expect(logs.some((l) => l.includes('kaboom'))).toBe(true);
    const s3 = await gw.handle(get('/s3'));
    expect([s3.statusCode, json(s3.body)]).toEqual([501, { message: 'AWS service integrations are not supported locally' }]);
  });

  it('runs AWS (non-proxy) Lambda integrations with errorMessage selection patterns', async () => {
    const integration: Integration = {
      type: 'AWS', uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:calc/invocations',
      requestTemplates: { 'application/json': '{"n": $input.params(\'n\')}' },
      integrationResponses: { default: { statusCode: '200' }, 'Bad.*': { statusCode: '400', selectionPattern: 'Bad.*', responseTemplates: { 'application/json': '{"error":"$input.path(\'$.errorMessage\')"}' } } },
    };
    const handlers = { calc: (e: { n: number }) => { if (e.n < 0) throw new Error('Bad input'); return { double: e.n * 2 }; } };
    const a = api({ resources: { '/calc/{n}': { path: '/calc/{n}', resourceMethods: { GET: method({ methodIntegration: integration }) } } } });
    const gw = createGateway({ api: a, stage: stage(), handlers });
    const ok = await gw.handle(get('/calc/21'));
    expect([ok.statusCode, json(ok.body)]).toEqual([200, { double: 42 }]);
    const bad = await gw.handle(get('/calc/-1'));
    expect([bad.statusCode, json(bad.body)]).toEqual([400, { error: 'Bad input' }]);
  });
});
