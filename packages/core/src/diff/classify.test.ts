import { describe, expect, it } from 'vitest';
import { fileChanges } from './fileChanges.js';
import type { ChangeTarget } from './types.js';

const op = { httpMethod: 'GET', authorizationType: 'NONE', requestParameters: { 'method.request.querystring.limit': false }, methodResponses: { '200': { statusCode: '200' } } };
const schema = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, kind: { type: 'string', enum: ['cat', 'dog'] } } };
const with_ = (patch: (o: any) => void, base: unknown = op) => {
  const o = structuredClone(base) as any;
  patch(o);
  return o;
};

// [name, target, before, after, expected [field, kind, breaking][]]
const cases: [string, ChangeTarget, unknown, unknown, [string | undefined, string, boolean][]][] = [
  ['operation removed', 'operation', op, undefined, [[undefined, 'removed', true]]],
  ['operation added', 'operation', undefined, op, [[undefined, 'added', false]]],
  ['new required parameter', 'operation', op, with_((o) => (o.requestParameters['method.request.header.x-id'] = true)), [['requestParameters["method.request.header.x-id"]', 'added', true]]],
  ['new optional parameter', 'operation', op, with_((o) => (o.requestParameters['method.request.querystring.q'] = false)), [['requestParameters["method.request.querystring.q"]', 'added', false]]],
  ['parameter made required', 'operation', op, with_((o) => (o.requestParameters['method.request.querystring.limit'] = true)), [['requestParameters["method.request.querystring.limit"]', 'changed', true]]],
  ['parameter location changed', 'operation', op, with_((o) => (o.requestParameters = { 'method.request.header.limit': false })), [
    ['requestParameters["method.request.header.limit"]', 'added', true],
    ['requestParameters["method.request.querystring.limit"]', 'removed', false],
  ]],
  ['response removed', 'operation', op, with_((o) => (o.methodResponses = {})), [['responses.200', 'removed', true]]],
  ['response added', 'operation', op, with_((o) => (o.methodResponses['404'] = { statusCode: '404' })), [['responses.404', 'added', false]]],
  ['integration uri changed', 'operation', with_((o) => (o.methodIntegration = { type: 'HTTP', uri: 'http://a' })), with_((o) => (o.methodIntegration = { type: 'HTTP', uri: 'http://b' })), [['integration.uri', 'changed', false]]],
  ['auth made stricter', 'operation', op, with_((o) => (o.authorizationType = 'AWS_IAM')), [['authorizationType', 'changed', true]]],
  ['auth relaxed', 'operation', with_((o) => (o.authorizationType = 'AWS_IAM')), op, [['authorizationType', 'changed', false]]],
  ['api key required', 'operation', op, with_((o) => (o.apiKeyRequired = true)), [['apiKeyRequired', 'added', true]]],
  ['request model added', 'operation', op, with_((o) => (o.requestModels = { 'application/json': 'Pet' })), [['requestModels["application/json"]', 'added', true]]],
  ['model field removed', 'model', { name: 'Pet', schema }, { name: 'Pet', schema: with_((s) => delete s.properties.kind, schema) }, [['schema.properties.kind', 'removed', true]]],
  ['model optional field added', 'model', { name: 'Pet', schema }, { name: 'Pet', schema: with_((s) => (s.properties.age = { type: 'integer' }), schema) }, [['schema.properties.age', 'added', false]]],
  ['model required field added', 'model', { name: 'Pet', schema }, { name: 'Pet', schema: with_((s) => s.required.push('kind'), schema) }, [['schema.required', 'changed', true]]],
  ['enum narrowed', 'model', { name: 'Pet', schema }, { name: 'Pet', schema: with_((s) => (s.properties.kind.enum = ['cat']), schema) }, [['schema.properties.kind.enum', 'changed', true]]],
  ['enum widened', 'model', { name: 'Pet', schema }, { name: 'Pet', schema: with_((s) => s.properties.kind.enum.push('bird'), schema) }, [['schema.properties.kind.enum', 'changed', false]]],
  ['model removed', 'model', { name: 'Pet', schema }, undefined, [[undefined, 'removed', true]]],
  ['api description', 'api', { name: 'a' }, { name: 'a', description: 'x' }, [['description', 'added', false]]],
  ['api binary types removed', 'api', { name: 'a', binaryMediaTypes: ['image/png'] }, { name: 'a' }, [['binaryMediaTypes', 'removed', true]]],
  ['validator stricter', 'validator', { name: 'v', validateRequestBody: false, validateRequestParameters: true }, { name: 'v', validateRequestBody: true, validateRequestParameters: true }, [['validateRequestBody', 'changed', true]]],
  ['gateway response status', 'gatewayResponse', { responseType: 'DEFAULT_4XX', statusCode: '400' }, { responseType: 'DEFAULT_4XX', statusCode: '418' }, [['statusCode', 'changed', true]]],
  ['authorizer identity source', 'authorizer', { name: 'a', type: 'TOKEN', identitySource: 'method.request.header.A' }, { name: 'a', type: 'TOKEN', identitySource: 'method.request.header.B' }, [['identitySource', 'changed', true]]],
];

describe('diff classification', () => {
  it.each(cases)('%s', (_name, target, before, after, expected) => {
    const changes = fileChanges('f.json', target, 'X', before, after);
    expect(changes.map((c) => [c.field, c.kind, c.breaking])).toEqual(expected);
    for (const c of changes) expect(c.reason).toMatch(/\w/);
  });
});
