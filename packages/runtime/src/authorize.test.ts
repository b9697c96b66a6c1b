import { describe, expect, it } from 'vitest';
import type { Api, Method, Stage } from '@gitway/core';
import { createGateway } from './createGateway.js';
import type { LambdaHandler } from './types.js';

const mock = (extra: Partial<Method>): Method => ({
  httpMethod: 'GET',
  authorizationType: 'NONE',
  methodIntegration: {
    type: 'MOCK',
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    integrationResponses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"who": "$context.authorizer.principalId", "tier": "$context.authorizer.tier"}' } } },
  },
  ...extra,
});
const AUTH_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:auth/invocations';
const api = (restApi: Partial<Api['restApi']> = {}): Api => ({
  restApi: { name: 't', ...restApi },
  resources: {
    '/token': { path: '/token', resourceMethods: { GET: mock({ authorizationType: 'CUSTOM', authorizerId: 'tok' }) } },
    '/request': { path: '/request', resourceMethods: { GET: mock({ authorizationType: 'CUSTOM', authorizerId: 'req' }) } },
    '/keyed': { path: '/keyed', resourceMethods: { GET: mock({ apiKeyRequired: true }) } },
    '/iam': { path: '/iam', resourceMethods: { GET: mock({ authorizationType: 'AWS_IAM' }) } },
    '/cognito': { path: '/cognito', resourceMethods: { GET: mock({ authorizationType: 'COGNITO_USER_POOLS', authorizerId: 'pool' }) } },
  },
  models: {},
  authorizers: {
    tok: { name: 'tok', type: 'TOKEN', authorizerUri: AUTH_URI, identitySource: 'method.request.header.Authorization', identityValidationExpression: 'Bearer .+' },
    req: { name: 'req', type: 'REQUEST', authorizerUri: AUTH_URI, identitySource: 'method.request.header.X-User, method.request.querystring.tenant' },
    pool: { name: 'pool', type: 'COGNITO_USER_POOLS', providerARNs: ['arn:aws:cognito-idp:us-east-1:1:userpool/x'] },
  },
  requestValidators: {},
  gatewayResponses: {},
});
const stage: Stage = { stageName: 'prod', deploymentId: 'a'.repeat(40), cacheClusterEnabled: false, tracingEnabled: false, createdDate: '', lastUpdatedDate: '' };
const get = (path: string, headers: Record<string, string> = {}, query: Record<string, string> = {}) => ({ method: 'GET', path, headers, query });
const body = (r: { body: string | Buffer }) => JSON.parse(String(r.body));

/** A TOKEN/REQUEST authorizer: "allow-<user>" allows, "deny" denies, "boom" fails, else Unauthorized. */
const auth: LambdaHandler = async (event: any) => {
  const token: string = event.type === 'TOKEN' ? event.authorizationToken.slice('Bearer '.length) : event.headers['x-user'];
  if (token === 'boom') throw new Error('database down');
  if (!token.startsWith('allow') && token !== 'deny') throw new Error('Unauthorized');
  return {
    principalId: token,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: token === 'deny' ? 'Deny' : 'Allow', Resource: event.methodArn.replace(/\/GET\/.*$/, '/*') }] },
    context: { tier: 'gold', nested: { dropped: true } },
    usageIdentifierKey: 'key-from-authorizer',
  };
};

describe('authorization, as API Gateway does it', () => {
  const gw = createGateway({ api: api(), stage, handlers: { auth }, log: () => {} });

  it('TOKEN authorizer: allow, deny, Unauthorized, failure, missing or malformed token', async () => {
    const ok = await gw.handle(get('/token', { authorization: 'Bearer allow-ann' }));
    expect([ok.statusCode, body(ok)]).toEqual([200, { who: 'allow-ann', tier: 'gold' }]);
    const denied = await gw.handle(get('/token', { authorization: 'Bearer deny' }));
    expect([denied.statusCode, body(denied)]).toEqual([403, { message: 'User is not authorized to access this resource with an explicit deny' }]);
    expect((await gw.handle(get('/token', { authorization: 'Bearer bob' }))).statusCode).toBe(401);
    expect(body(await gw.handle(get('/token', { authorization: 'Bearer bob' })))).toEqual({ message: 'Unauthorized' });
    expect((await gw.handle(get('/token', { authorization: 'Bearer boom' }))).statusCode).toBe(500);
    expect((await gw.handle(get('/token'))).statusCode).toBe(401);
    expect((await gw.handle(get('/token', { authorization: 'Basic abc' }))).statusCode).toBe(401); // identityValidationExpression
  });

  it('REQUEST authorizer needs every identity source', async () => {
    expect((await gw.handle(get('/request', { 'x-user': 'allow-cy' }, { tenant: 't1' }))).statusCode).toBe(200);
    expect((await gw.handle(get('/request', { 'x-user': 'allow-cy' }))).statusCode).toBe(401);
  });

  it('API keys: x-api-key required, checked against the given keys', async () => {
    expect(body(await gw.handle(get('/keyed')))).toEqual({ message: 'Forbidden' });
    expect((await gw.handle(get('/keyed', { 'x-api-key': 'anything' }))).statusCode).toBe(200);
    const strict = createGateway({ api: api(), stage, apiKeys: ['k1'] });
    expect((await strict.handle(get('/keyed', { 'x-api-key': 'k2' }))).statusCode).toBe(403);
    expect((await strict.handle(get('/keyed', { 'x-api-key': 'k1' }))).statusCode).toBe(200);
  });

  it('IAM and Cognito methods need their credentials header', async () => {
    expect(body(await gw.handle(get('/iam')))).toEqual({ message: 'Missing Authentication Token' });
    expect((await gw.handle(get('/iam', { authorization: 'AWS4-HMAC-SHA256 ...' }))).statusCode).toBe(200);
    expect((await gw.handle(get('/cognito'))).statusCode).toBe(401);
    expect((await gw.handle(get('/cognito', { authorization: 'eyJ...' }))).statusCode).toBe(200);
  });

  it('an authorizer with no local handler is a 500, logged', async () => {
    const lines: string[] = [];
    const none = createGateway({ api: api(), stage, log: (l) => lines.push(l) });
    expect((await none.handle(get('/token', { authorization: 'Bearer allow-x' }))).statusCode).toBe(500);
    expect(lines.join('\n')).toMatch(/no local handler for authorizer tok/);
  });
});

describe('Cognito user-pool authorizer identity header', () => {
  it("reads the token from the header its security scheme names (LocalStack's cognito-auth fixture: name: TestHeaderAuth), not Authorization", async () => {
    const { parseDefinition } = await import('@gitway/core');
    const doc = {
      openapi: '3.0.1', info: { title: 'c', version: '1' },
      paths: {
        '/pets': {
          get: {
            security: [{ 'cognito-test-identity-source': ['email'] }],
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': { type: 'mock', requestTemplates: { 'application/json': '{"statusCode": 200}' }, responses: { default: { statusCode: '200' } } },
          },
        },
      },
      components: {
        securitySchemes: {
          'cognito-test-identity-source': {
            type: 'apiKey', name: 'TestHeaderAuth', in: 'header', 'x-amazon-apigateway-authtype': 'cognito_user_pools',
            'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: ['arn:aws:cognito-idp:us-east-1:1:userpool/x'] },
          },
        },
      },
    };
    const parsed = await parseDefinition({ text: JSON.stringify(doc), filename: 'cognito.json' });
    const gw = createGateway({ api: parsed, stage });
    expect((await gw.handle(get('/pets', { authorization: 'token' }))).statusCode).toBe(401);
    expect((await gw.handle(get('/pets', { testheaderauth: 'token' }))).statusCode).toBe(200);
    // without a scheme name the token is read from Authorization, as before
    const plain = createGateway({ api: api(), stage });
    expect((await plain.handle(get('/cognito', { authorization: 'token' }))).statusCode).toBe(200);
  });

  describe('authorizer results are cached for authorizerResultTtlInSeconds, as API Gateway does', () => {
    /** A gateway on an injected clock whose authorizer counts its calls and allows only the ARN it was called for. */
    const counted = (ttl?: number) => {
      const calls: string[] = [];
      let clock = 1_000_000;
      const narrow: LambdaHandler = async (event: any) => {
        const who: string = event.type === 'TOKEN' ? event.authorizationToken.slice('Bearer '.length) : `${event.headers['x-user']}@${event.queryStringParameters.tenant}`;
        calls.push(who);
        if (who === 'Bearer bob' || who === 'bob') throw new Error('Unauthorized');
        return { principalId: who, policyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] }, context: { tier: `call ${calls.length}` } };
      };
      const a = api();
      a.authorizers.tok = { ...a.authorizers.tok, authorizerResultTtlInSeconds: ttl };
      a.authorizers.req = { ...a.authorizers.req, authorizerResultTtlInSeconds: ttl };
      a.resources['/token'].resourceMethods!.POST = mock({ httpMethod: 'POST', authorizationType: 'CUSTOM', authorizerId: 'tok' });
      const gateway = createGateway({ api: a, stage, handlers: { auth: narrow }, now: () => clock, log: () => {} });
      return { gateway, calls, advance: (ms: number) => void (clock += ms) };
    };

    it('one call per token for the TTL (default 300 s); the cached policy is evaluated against each later method ARN', async () => {
      const { gateway, calls, advance } = counted();
      const first = await gateway.handle(get('/token', { authorization: 'Bearer allow-ann' }));
      const second = await gateway.handle(get('/token', { authorization: 'Bearer allow-ann' }));
      expect([first.statusCode, body(first), second.statusCode, body(second)]).toEqual([200, { who: 'allow-ann', tier: 'call 1' }, 200, { who: 'allow-ann', tier: 'call 1' }]);
      expect(calls).toEqual(['allow-ann']);
      // The cached policy allows only GET /token: POST /token is denied without a call (the known API Gateway pitfall).
      const post = await gateway.handle({ ...get('/token', { authorization: 'Bearer allow-ann' }), method: 'POST' });
      expect([post.statusCode, body(post)]).toEqual([403, { message: 'User is not authorized to access this resource' }]);
      expect(calls).toEqual(['allow-ann']);
      // Another token is another entry; at the TTL the authorizer is asked again.
      await gateway.handle(get('/token', { authorization: 'Bearer allow-bea' }));
      advance(299_999);
      await gateway.handle(get('/token', { authorization: 'Bearer allow-ann' }));
      expect(calls).toEqual(['allow-ann', 'allow-bea']);
      advance(1);
      const later = await gateway.handle(get('/token', { authorization: 'Bearer allow-ann' }));
      expect([body(later), calls]).toEqual([{ who: 'allow-ann', tier: 'call 3' }, ['allow-ann', 'allow-bea', 'allow-ann']]);
    });

    it('TTL 0 calls the authorizer on every request; Unauthorized is never cached', async () => {
      const off = counted(0);
      await off.gateway.handle(get('/token', { authorization: 'Bearer allow-ann' }));
      await off.gateway.handle(get('/token', { authorization: 'Bearer allow-ann' }));
      expect(off.calls).toEqual(['allow-ann', 'allow-ann']);
      const on = counted(60);
      expect((await on.gateway.handle(get('/token', { authorization: 'Bearer bob' }))).statusCode).toBe(401);
      expect((await on.gateway.handle(get('/token', { authorization: 'Bearer bob' }))).statusCode).toBe(401);
      expect(on.calls).toEqual(['bob', 'bob']);
    });

    it('REQUEST authorizers are keyed by every identity value, unambiguously', async () => {
      const { gateway, calls } = counted(60);
      // A naive join of the values would make these two requests one cache entry.
      await gateway.handle(get('/request', { 'x-user': 'allow-a' }, { tenant: 'b\nc' }));
      await gateway.handle(get('/request', { 'x-user': 'allow-a\nb' }, { tenant: 'c' }));
      await gateway.handle(get('/request', { 'x-user': 'allow-a' }, { tenant: 'b\nc' }));
      expect(calls).toEqual(['allow-a@b\nc', 'allow-a\nb@c']);
    });

    it('a new snapshot of the stage starts with no cached results', async () => {
      const first = counted(60);
      await first.gateway.handle(get('/token', { authorization: 'Bearer allow-ann' }));
      const second = counted(60);
      await second.gateway.handle(get('/token', { authorization: 'Bearer allow-ann' }));
      expect([first.calls, second.calls]).toEqual([['allow-ann'], ['allow-ann']]);
    });
  });
});
