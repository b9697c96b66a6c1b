import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateApi } from '../models/apiSchema.js';
import type { Api, Authorizer, HttpMethod, Method, Resource } from '../models/types.js';
import { exportDefinition, parseDefinition } from './index.js';

const ident = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,7}$/);
const text = fc.string({ maxLength: 12 });
// forbidden keys are rejected on import (tested elsewhere), so random data leaves them out
const json = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown).filter((v) => !/"(__proto__|constructor|prototype)":/.test(JSON.stringify(v)));
const xExt = fc.dictionary(ident.map((k) => `x-${k}`), json, { minKeys: 1, maxKeys: 2 });
const strMap = (key: fc.Arbitrary<string>) => fc.dictionary(key, text, { minKeys: 1, maxKeys: 3 });
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Drops undefined fields so the generated value looks like an imported one. */
const clean = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const pathArb = fc.array(fc.oneof(ident.map((s) => s.toLowerCase()), ident.map((s) => `{${s}}`)), { maxLength: 3 })
  .chain((segs) => fc.boolean().map((greedy) => `/${[...segs, ...(greedy ? ['{proxy+}'] : [])].join('/')}`))
  .filter((p) => new Set(p.match(/\{[^}]+\}/g) ?? []).size === (p.match(/\{[^}]+\}/g) ?? []).length);

const integrationArb = fc.record({
  type: fc.constantFrom('MOCK', 'HTTP', 'HTTP_PROXY', 'AWS', 'AWS_PROXY' as const),
  httpMethod: opt(fc.constantFrom('GET', 'POST')),
  uri: opt(fc.webUrl()),
  passthroughBehavior: opt(fc.constantFrom('WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER' as const)),
  contentHandling: opt(fc.constantFrom('CONVERT_TO_BINARY', 'CONVERT_TO_TEXT' as const)),
  timeoutInMillis: opt(fc.integer({ min: 50, max: 29000 })),
  requestTemplates: opt(strMap(fc.constantFrom('application/json', 'text/plain'))),
  cacheKeyParameters: opt(fc.array(ident, { maxLength: 2 })),
  tlsConfig: opt(fc.record({ insecureSkipVerification: fc.boolean() })),
  integrationResponses: opt(fc.uniqueArray(fc.option(fc.constantFrom('2\\d{2}', '4\\d{2}', '.*error.*'), { nil: undefined }), { maxLength: 3 }).chain((patterns) =>
    fc.tuple(...patterns.map(() => fc.record({ statusCode: fc.constantFrom('200', '400', '500'), responseTemplates: opt(strMap(fc.constant('application/json'))) }))).map((rs) =>
      Object.fromEntries(rs.map((r, i) => [patterns[i] ?? 'default', { ...r, selectionPattern: patterns[i] }]))))),
  extensions: opt(xExt),
});

function methodArb(httpMethod: HttpMethod, path: string, models: string[], authorizers: Authorizer[], validators: string[]): fc.Arbitrary<Method> {
  const pathParams = Object.fromEntries((path.match(/\{([^}+]+)\+?\}/g) ?? []).map((p) => [`method.request.path.${p.replace(/[{}+]/g, '')}`, true]));
  const auth = fc.oneof(
    fc.constant({ authorizationType: 'NONE' as const }),
    fc.constant({ authorizationType: 'AWS_IAM' as const }),
    ...authorizers.map((a) => a.type === 'COGNITO_USER_POOLS'
      ? fc.record({ authorizationType: fc.constant('COGNITO_USER_POOLS' as const), authorizerId: fc.constant(a.name), authorizationScopes: opt(fc.array(ident, { minLength: 1, maxLength: 2 })) })
      : fc.constant({ authorizationType: 'CUSTOM' as const, authorizerId: a.name })),
  );
  const model = models.length > 0 ? opt(fc.constantFrom(...models)) : fc.constant(undefined);
  return fc.record({
    auth,
    apiKeyRequired: opt(fc.constant(true)),
    requestParameters: fc.dictionary(fc.tuple(fc.constantFrom('querystring', 'header'), ident).map(([l, n]) => `method.request.${l}.${n}`), fc.boolean(), { maxKeys: 2 }),
    requestModel: model,
    requestValidatorId: validators.length > 0 ? opt(fc.constantFrom(...validators)) : fc.constant(undefined),
    methodResponses: opt(fc.uniqueArray(fc.constantFrom('200', '201', '400', '500'), { maxLength: 2 }).chain((codes) =>
      fc.tuple(...codes.map((statusCode) => fc.record({
        statusCode: fc.constant(statusCode),
        responseParameters: opt(fc.dictionary(ident.map((h) => `method.response.header.${h}`), fc.boolean(), { minKeys: 1, maxKeys: 2 })),
        model,
        extensions: opt(fc.record({ description: text })),
      }))).map((rs) => Object.fromEntries(rs.map(({ model: m, ...r }) => [r.statusCode, { ...r, responseModels: m ? { 'application/json': m } : undefined }]))))),
    methodIntegration: opt(integrationArb),
    extensions: opt(xExt),
  }).map(({ auth: a, requestModel, requestParameters, ...m }) => ({
    httpMethod, ...a, ...m,
    requestParameters: Object.keys({ ...pathParams, ...requestParameters }).length > 0 ? { ...pathParams, ...requestParameters } : undefined,
    requestModels: requestModel ? { 'application/json': requestModel } : undefined,
  }));
}

const apiArb: fc.Arbitrary<Api> = fc.record({
  models: fc.uniqueArray(ident, { maxLength: 3 }),
  authorizers: fc.uniqueArray(fc.record({ name: ident.filter((n) => n !== 'sigv4'), type: fc.constantFrom('TOKEN', 'REQUEST', 'COGNITO_USER_POOLS' as const), header: ident, ttl: opt(fc.integer({ min: 0, max: 3600 })), authType: opt(fc.constantFrom('custom', 'cognito_user_pools')) }), { maxLength: 2, selector: (a) => a.name }),
  validators: fc.uniqueArray(ident, { maxLength: 2 }),
}).chain(({ models, authorizers: raw, validators }) => {
  const authorizers: Authorizer[] = raw.map((a) => clean({
    name: a.name, type: a.type, authorizerResultTtlInSeconds: a.ttl, authType: a.authType,
    identitySource: a.type === 'COGNITO_USER_POOLS' ? undefined : `method.request.header.${a.header}`,
    providerARNs: a.type === 'COGNITO_USER_POOLS' ? ['arn:aws:cognito-idp:us-east-1:1:userpool/x'] : undefined,
    authorizerUri: a.type === 'COGNITO_USER_POOLS' ? undefined : 'arn:aws:apigateway:us-east-1:lambda:path/fn',
  }));
  const resourceArb: fc.Arbitrary<Resource> = pathArb.chain((path) =>
    fc.subarray(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'ANY'] as HttpMethod[]).chain((verbs) =>
      fc.tuple(...verbs.map((v) => methodArb(v, path, models, authorizers, validators)), opt(xExt)).map((parts) => {
        const ext = parts.pop() as Record<string, unknown> | undefined;
        return { path, resourceMethods: Object.fromEntries((parts as Method[]).map((m) => [m.httpMethod, m])), extensions: ext };
      })));
  return fc.record({
    restApi: fc.record({
      name: fc.string({ minLength: 1, maxLength: 12 }), description: opt(text), version: opt(text),
      binaryMediaTypes: opt(fc.array(fc.constantFrom('image/png', '*/*'), { maxLength: 2 })), minimumCompressionSize: opt(fc.integer({ min: 0, max: 10485760 })),
      apiKeySource: opt(fc.constantFrom('HEADER', 'AUTHORIZER' as const)), endpointConfiguration: opt(fc.record({ types: fc.constantFrom('EDGE', 'REGIONAL').map((t) => [t]) })),
      policy: opt(json), requestValidatorId: validators.length > 0 ? opt(fc.constantFrom(...validators)) : fc.constant(undefined), extensions: opt(xExt),
    }),
    resources: fc.uniqueArray(resourceArb, { maxLength: 4, selector: (r) => r.path }).map((rs) => Object.fromEntries(rs.map((r) => [r.path, r]))),
    models: fc.tuple(...models.map((name) => fc.record({ description: opt(text), ref: models.length > 0 ? opt(fc.constantFrom(...models)) : fc.constant(undefined) })
      .map(({ description, ref }) => ({ name, schema: clean({ type: 'object', description, properties: ref ? { other: { $ref: `#/components/schemas/${ref}` } } : undefined }) }))))
      .map((ms) => Object.fromEntries(ms.map((m) => [m.name, m]))),
    authorizers: fc.constant(Object.fromEntries(authorizers.map((a) => [a.name, a]))),
    requestValidators: fc.tuple(...validators.map((name) => fc.record({ name: fc.constant(name), validateRequestBody: fc.boolean(), validateRequestParameters: fc.boolean() })))
      .map((vs) => Object.fromEntries(vs.map((v) => [v.name, v]))),
    gatewayResponses: fc.dictionary(fc.constantFrom('DEFAULT_4XX', 'DEFAULT_5XX', 'MISSING_AUTHENTICATION_TOKEN'), fc.record({ statusCode: opt(fc.constantFrom('403', '404')), responseTemplates: opt(strMap(fc.constant('application/json'))) }), { maxKeys: 2 })
      .map((g) => Object.fromEntries(Object.entries(g).map(([t, r]) => [t, { responseType: t, ...r }]))),
  }).map((api) => {
    // operationIds unique: derive from path + verb on some methods
    for (const r of Object.values(api.resources)) for (const m of Object.values(r.resourceMethods)) if (m!.httpMethod === 'GET') m!.operationName = `get${r.path}`;
    return clean(api);
  });
});

describe('property: model -> definition -> model', () => {
  for (const format of ['oas30', 'swagger2'] as const) {
    it(`random valid Api models survive ${format} unchanged`, async () => {
      await fc.assert(fc.asyncProperty(apiArb, fc.constantFrom('yaml', 'json' as const), async (api, syntax) => {
        validateApi(api);
        const text = exportDefinition({ api, format, syntax });
        const again = await parseDefinition({ text, filename: `api.${syntax}` });
        expect(again).toEqual({ ...api, restApi: { ...api.restApi, sourceFormat: format } });
      }), { numRuns: 100 });
    });
  }
});
