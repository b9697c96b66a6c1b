import { describe, expect, it } from 'vitest';
import type { GitwayError } from '../errors/GitwayError.js';
import { apiSchema, validateApi } from './apiSchema.js';
import type { Api } from './types.js';

const good = (): Api => ({
  restApi: { name: 'pets' },
  resources: { '/pets': { path: '/pets', resourceMethods: { GET: { httpMethod: 'GET', authorizationType: 'NONE', requestModels: { 'application/json': 'Pet' }, methodIntegration: { type: 'MOCK' } } } } },
  models: { Pet: { name: 'Pet', schema: { type: 'object' } } },
  authorizers: {},
  requestValidators: {},
  gatewayResponses: {},
});

function pointerOf(api: unknown): unknown {
  try {
    validateApi(api);
  } catch (e) {
    expect((e as GitwayError).code).toBe('InvalidDefinitionError');
    return (e as GitwayError).data.pointer;
  }
  return undefined;
}

describe('validateApi', () => {
  it('accepts a valid model and exposes the schema', () => {
    expect(() => validateApi(good())).not.toThrow();
    expect(apiSchema.required).toContain('resources');
  });

  it('rejects malformed models with a pointer', () => {
    const a = good();
    (a.resources['/pets'].resourceMethods.GET!.methodIntegration as { type: string }).type = 'LAMBDA';
    expect(pointerOf(a)).toBe('#/resources/~1pets/resourceMethods/GET/methodIntegration/type');
    const b = good() as unknown as { restApi: Record<string, unknown> };
    delete b.restApi.name;
    expect(pointerOf(b)).toBe('#/restApi');
    const c = good();
    c.resources['/pets'].path = '/other';
    expect(pointerOf(c)).toBe('#/resources/~1pets/path');
    const d = good();
    d.resources['/pets'].resourceMethods.GET!.authorizerId = 'nope';
    expect(pointerOf(d)).toBe('#/resources/~1pets/resourceMethods/GET/authorizerId');
    const e = good();
    e.resources['/pets'].resourceMethods.GET!.requestModels = { 'application/json': 'Nope' };
    expect(pointerOf(e)).toBe('#/resources/~1pets/resourceMethods/GET/requestModels/application~1json');
    expect(pointerOf(null)).toBe('#');
  });

  it('rejects __proto__ / constructor keys anywhere', () => {
    const a = JSON.parse('{"restApi":{"name":"x","extensions":{"__proto__":{"p":1}}},"resources":{},"models":{},"authorizers":{},"requestValidators":{},"gatewayResponses":{}}');
    expect(pointerOf(a)).toBe('#/restApi/extensions/__proto__');
    const b = good();
    (b.restApi as { extensions?: Record<string, unknown> }).extensions = { constructor: 1 };
    expect(pointerOf(b)).toBe('#/restApi/extensions/constructor');
  });
});
