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
const head = "openapi: 3.0.1\ninfo: { title: t, version: '1' }\n";
const op = "{ responses: { '200': { description: ok } }, x-amazon-apigateway-integration: { type: mock } }";

describe('$ref loops are refused at import with the pointers of the cycle', () => {
  it('a path item referring to itself', async () => {
    const e = await fail(`${head}paths:\n  /a:\n    $ref: '#/paths/~1a'\n`);
    expect([e.code, e.message, e.data.cycle]).toEqual(['InvalidDefinitionError', "api.yaml:5:11: #/paths/~1a/$ref: $ref cycle: #/paths/~1a -> #/paths/~1a", ['#/paths/~1a', '#/paths/~1a']]);
  });

  it('a parameter referring to itself, and two parameters referring to each other', async () => {
    const self = await fail(`${head}paths:\n  /a: { get: ${op} }\ncomponents:\n  parameters:\n    P: { $ref: '#/components/parameters/P' }\n`);
    expect(self.data.cycle).toEqual(['#/components/parameters/P', '#/components/parameters/P']);
    const pair = await fail(`${head}paths:\n  /a: { get: ${op} }\ncomponents:\n  parameters:\n    A: { $ref: '#/components/parameters/B' }\n    B: { $ref: '#/components/parameters/A' }\n`);
    expect([pair.code, pair.data.cycle]).toEqual(['InvalidDefinitionError', ['#/components/parameters/A', '#/components/parameters/B', '#/components/parameters/A']]);
  });

  it('an operation whose parameter refers to the operation that contains it', async () => {
    const e = await fail(`${head}paths:\n  /a:\n    get:\n      parameters: [{ $ref: '#/paths/~1a/get' }]\n      responses: { '200': { description: ok } }\n`);
    expect(e.data.cycle).toEqual(['#/paths/~1a/get/parameters/0', '#/paths/~1a/get']);
  });

  it('Swagger 2 definitions and OpenAPI models that are only references to each other', async () => {
    const swagger = await fail(`swagger: '2.0'\ninfo: { title: t, version: '1' }\npaths: {}\ndefinitions:\n  A: { $ref: '#/definitions/B' }\n  B: { $ref: '#/definitions/A' }\n`);
    expect([swagger.code, swagger.data.cycle]).toEqual(['InvalidDefinitionError', ['#/definitions/A', '#/definitions/B', '#/definitions/A']]);
    const self = await fail(`${head}paths: {}\ncomponents:\n  schemas:\n    Pet: { $ref: '#/components/schemas/Pet' }\n`);
    expect(self.data.cycle).toEqual(['#/components/schemas/Pet', '#/components/schemas/Pet']);
  });

  it('recursive schemas stay allowed, as API Gateway allows them', async () => {
    const api = await parseDefinition({
      text: `${head}paths:\n  /a: { get: ${op} }\ncomponents:\n  schemas:\n    Node: { type: object, properties: { children: { type: array, items: { $ref: '#/components/schemas/Node' } }, parent: { $ref: '#/components/schemas/Node' } } }\n`,
      filename: 'api.yaml',
    });
    expect(api.models.Node.schema).toEqual({ type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } }, parent: { $ref: '#/components/schemas/Node' } } });
  });
});

describe('YAML alias bombs are refused before expansion', () => {
  it('more than 1000 aliases: TooLargeError naming the line of the first one past the limit', async () => {
    let text = `${head}paths: {}\nx-junk:\n`;
    for (let i = 0; i < 1500; i++) text += `  - &a${i} {k: v}\n  - *a${i}\n`;
    const e = await fail(text);
    expect([e.code, e.message]).toEqual(['TooLargeError', 'api.yaml:2006:5: more than 1000 YAML aliases (refused: expanding them costs time and memory without bound)']);
  });

  it('aliases that copy more than 10 MB in all', async () => {
    const big = `'${'z'.repeat(300_000)}'`; // 300 KB anchored once, copied 40 times
    const text = `${head}paths: {}\nx-big: &big ${big}\nx-copies:\n${'  - *big\n'.repeat(40)}`;
    const e = await fail(text);
    expect(e.code).toBe('TooLargeError');
    expect(e.message).toMatch(/^api\.yaml:\d+:5: YAML aliases expand to more than 10485760 characters \(refused\)$/);
  });

  it('a few aliases and asterisks in text are fine', async () => {
    const api = await parseDefinition({ text: `${head}description: '*bold* *x* ${'*y '.repeat(2000)}'\npaths:\n  /a: { get: &op ${op} }\n  /b: { get: *op }\n`, filename: 'api.yaml' });
    expect(Object.keys(api.resources).sort()).toEqual(['/a', '/b']);
  });
});
