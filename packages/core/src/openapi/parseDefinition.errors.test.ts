import { describe, expect, it } from 'vitest';
import type { GitwayError } from '../errors/GitwayError.js';
import { parseDefinition } from './index.js';

async function fail(text: string, filename = 'api.yaml'): Promise<GitwayError> {
  try {
    await parseDefinition({ text, filename });
  } catch (e) {
    return e as GitwayError;
  }
  throw new Error('expected parseDefinition to fail');
}

const oas = (paths: string, extra = '') => `openapi: 3.0.1\ninfo: { title: t, version: '1' }\n${extra}paths:\n${paths}`;
const mock = '{ x-amazon-apigateway-integration: { type: mock } }';

describe('parseDefinition rejects bad input with a typed error naming the place', () => {
  it('YAML syntax: ParseError with file:line:column', async () => {
    const e = await fail('openapi: 3.0.1\ninfo:\n  title: [unclosed\n');
    expect(e.code).toBe('ParseError');
    expect(e.data).toMatchObject({ file: 'api.yaml', line: expect.any(Number), column: expect.any(Number) });
    expect(e.message).toMatch(/^api\.yaml:\d+:\d+: /);
  });

  it('JSON syntax: ParseError with line:column', async () => {
    const e = await fail('{\n  "openapi": "3.0.1",\n  "info": { "title": "t" },\n  "paths": {,}\n}\n', 'api.json');
    expect(e.code).toBe('ParseError');
    expect(e.data).toMatchObject({ file: 'api.json', line: 4 });
    expect(e.message).toMatch(/^api\.json:4:\d+: /);
  });

  it('a list or mapping used as a mapping key (YAML "? [a]: b") is refused with its place', async () => {
    const e = await fail(oas('  /a:\n    ? [x, y]\n    : 1\n'));
    expect(e.code).toBe('InvalidDefinitionError');
    expect(e.data).toMatchObject({ file: 'api.yaml', pointer: '#/paths/~1a', line: 5, column: 7 });
    expect(e.message).toMatch(/mapping key must be a string/);
  });

  it('duplicate YAML keys in a nested mapping are a ParseError at the second key', async () => {
    const e = await fail(oas('  /a:\n    get: { responses: {} }\n  /b:\n    get: { responses: {} }\n  /a:\n    post: { responses: {} }\n'));
    expect(e.code).toBe('ParseError');
    expect(e.data).toMatchObject({ file: 'api.yaml', line: 8, column: 3, reason: 'DUPLICATE_KEY' });
  });

  it('duplicate JSON keys are a ParseError', async () => {
    const e = await fail('{"openapi": "3.0.1", "openapi": "3.0.2"}', 'api.json');
    expect(e.code).toBe('ParseError');
    expect(e.data.line).toBe(1);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('forbidden key %s anywhere (pointer, line, column), without polluting', async (key) => {
    const e = await fail(oas(`  /a:\n    get:\n      x-amazon-apigateway-integration:\n        type: mock\n        ${key}: { polluted: true }\n`));
    expect(e.code).toBe('InvalidDefinitionError');
    expect(e.data).toMatchObject({ file: 'api.yaml', pointer: `#/paths/~1a/get/x-amazon-apigateway-integration/${key}`, line: 8, column: 9 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('forbidden key in JSON', async () => {
    const e = await fail('{"openapi":"3.0.1","info":{"title":"t"},"paths":{},"x":{"__proto__":{"a":1}}}', 'api.json');
    expect(e.code).toBe('InvalidDefinitionError');
    expect(e.data.pointer).toBe('#/x/__proto__');
  });

  it('documents over 10 MB: TooLargeError', async () => {
    const e = await fail(`openapi: 3.0.1\nx-pad: "${'a'.repeat(10 * 1024 * 1024)}"\n`);
    expect(e.code).toBe('TooLargeError');
    expect(e.data).toMatchObject({ file: 'api.yaml', limit: 10 * 1024 * 1024 });
  });

  it('nesting deeper than 64: TooLargeError with pointer', async () => {
    const e = await fail(`{"openapi":"3.0.1","x":${'['.repeat(70)}${']'.repeat(70)}}`, 'api.json');
    expect(e.code).toBe('TooLargeError');
    expect(e.data).toMatchObject({ limit: 64, pointer: expect.stringMatching(/^#\/x(\/0)+$/) });
  });

  it('OpenAPI 3.1 is refused', async () => {
    const e = await fail('openapi: 3.1.0\ninfo: { title: t }\npaths: {}\n');
    expect(e.code).toBe('InvalidDefinitionError');
    expect(e.message).toContain('OpenAPI 3.1 is not supported by API Gateway import');
    expect(e.data).toMatchObject({ pointer: '#/openapi', line: 1, column: 10 });
  });

  it.each([['a list', '- 1\n'], ['no version field', 'info: { title: t }\n'], ['Swagger 1.2', 'swagger: "1.2"\n']])('not an OpenAPI document: %s', async (_, text) => {
    expect((await fail(text)).code).toBe('InvalidDefinitionError');
  });

  it('unknown integration type', async () => {
    const e = await fail(oas('  /a:\n    get: { x-amazon-apigateway-integration: { type: lambda } }\n'));
    expect(e.code).toBe('InvalidDefinitionError');
    expect(e.data.pointer).toBe('#/paths/~1a/get/x-amazon-apigateway-integration/type');
  });

  it.each([
    ['/a/{b', '#/paths/~1a~1{b'],
    ['/{proxy+}/x', '#/paths/~1{proxy+}~1x'],
    ['/a//b', '#/paths/~1a~1~1b'],
    ['a/b', '#/paths/a~1b'],
    ['/a{b}', '#/paths/~1a{b}'],
  ])('invalid path template %s', async (path, pointer) => {
    const e = await fail(oas(`  "${path}":\n    get: ${mock}\n`));
    expect(e.code).toBe('InvalidDefinitionError');
    expect(e.data.pointer).toBe(pointer);
  });

  it('duplicate operation: same path with and without trailing slash', async () => {
    const e = await fail(oas(`  /pets:\n    get: ${mock}\n  /pets/:\n    get: ${mock}\n`));
    expect(e.code).toBe('InvalidDefinitionError');
    expect(e.data).toMatchObject({ pointer: '#/paths/~1pets~1/get', line: 7 });
  });

  it('duplicate ANY after expansion of x-amazon-apigateway-any-method', async () => {
    const e = await fail(oas(`  /p:\n    x-amazon-apigateway-any-method: ${mock}\n  /p/:\n    x-amazon-apigateway-any-method: ${mock}\n`));
    expect(e.code).toBe('InvalidDefinitionError');
    expect(e.data.pointer).toBe('#/paths/~1p~1/x-amazon-apigateway-any-method');
  });

  it('duplicate operationId', async () => {
    const e = await fail(oas(`  /a:\n    get: { operationId: op }\n  /b:\n    get: { operationId: op }\n`));
    expect(e.code).toBe('InvalidDefinitionError');
    expect(e.data.pointer).toBe('#/paths/~1b/get/operationId');
  });

  it('unresolvable $ref', async () => {
    const e = await fail(oas(`  /a:\n    get:\n      parameters: [{ $ref: '#/components/parameters/Nope' }]\n`));
    expect(e.code).toBe('InvalidDefinitionError');
    expect(e.data).toMatchObject({ pointer: '#/paths/~1a/get/parameters/0/$ref', line: 6 });
  });

  it('unresolvable model $ref and external $ref', async () => {
    const missing = await fail(oas('  /a:\n    get: { responses: { "200": { description: x, content: { application/json: { schema: { $ref: "#/components/schemas/Nope" } } } } } }\n'));
    expect(missing.data.pointer).toBe('#/paths/~1a/get/responses/200/content/application~1json/schema/$ref');
    const external = await fail(oas('  /a:\n    get: { parameters: [{ $ref: "other.yaml#/P" }] }\n'));
    expect(external.code).toBe('InvalidDefinitionError');
    expect(external.message).toContain('external $ref');
  });

  it('unknown security scheme, request validator, authorizer type, api key source', async () => {
    expect((await fail(oas('  /a:\n    get: { security: [{ nope: [] }] }\n'))).data.pointer).toBe('#/paths/~1a/get/security/0/nope');
    expect((await fail(oas('  /a:\n    get: { x-amazon-apigateway-request-validator: nope }\n'))).data.pointer).toBe('#/paths/~1a/get/x-amazon-apigateway-request-validator');
    const auth = 'components: { securitySchemes: { a: { type: apiKey, name: A, in: header, x-amazon-apigateway-authorizer: { type: jwt } } } }\n';
    expect((await fail(oas('  {}\n', auth))).data.pointer).toBe('#/components/securitySchemes/a/x-amazon-apigateway-authorizer/type');
    expect((await fail(oas('  {}\n', 'x-amazon-apigateway-api-key-source: QUERY\n'))).data.pointer).toBe('#/x-amazon-apigateway-api-key-source');
  });

  it('passthroughBehavior must be a known value', async () => {
    const e = await fail(oas('  /a:\n    get: { x-amazon-apigateway-integration: { type: mock, passthroughBehavior: sometimes } }\n'));
    expect(e.data.pointer).toBe('#/paths/~1a/get/x-amazon-apigateway-integration/passthroughBehavior');
  });
});
