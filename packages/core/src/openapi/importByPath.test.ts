import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { GitwayError } from '../errors/GitwayError.js';
import { apiToFiles } from '../models/apiTree.js';
import { buildTree } from '../storage/gitObjects.js';
import type { ImportCache } from './importByPath.js';
import { parseDefinition } from './parseDefinition.js';
import { splitPaths } from './splitPaths.js';

/** An in-memory ImportCache counting the entries it answered. */
function memoryCache() {
  const envs = new Map<string, Map<string, string>>();
  let hits = 0;
  const cache: ImportCache = {
    async load(env) {
      const stored = envs.get(env) ?? new Map<string, string>();
      return (hash) => {
        const json = stored.get(hash);
        if (json !== undefined) hits++;
        return json;
      };
    },
    async save(env, _hashes, added) {
      const stored = envs.get(env) ?? new Map<string, string>();
      for (const [hash, json] of added) stored.set(hash, json);
      envs.set(env, stored);
    },
  };
  return { cache, hits: () => hits, envs };
}

type Outcome = { ok: true; json: string; tree: string } | { ok: false; code: string; message: string };

async function outcome(text: string, cache?: ImportCache): Promise<Outcome> {
  try {
    const api = await parseDefinition({ text, filename: 'api.yaml', cache });
    return { ok: true, json: JSON.stringify(api), tree: buildTree(apiToFiles(api)).object.oid };
  } catch (e) {
    return { ok: false, code: (e as GitwayError).code ?? `uncoded: ${(e as Error).message}`, message: (e as Error).message };
  }
}

const integration = (body: string) => ({ type: 'mock', requestTemplates: { 'application/json': '{"statusCode": 200}' }, responses: { default: { statusCode: '200', responseTemplates: { 'application/json': body } } } });
const ok = (body = '{}') => ({ responses: { '200': { description: 'ok' } }, 'x-amazon-apigateway-integration': integration(body) });

/** Path entries a document may hold: valid ones, and ones refused alone or together with others. */
const VARIANTS: [string, unknown][] = [
  ['/a', { get: { operationId: 'getA', ...ok('a') } }],
  ['/a/{id}', { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], get: ok('{"id": "$input.params(\'id\')"}'), put: { ...ok(), requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } }, 'x-amazon-apigateway-request-validator': 'all' } }],
  ['/b', { post: { ...ok('b'), security: [{ auth: [] }], description: 'line one\nline two\n' } }],
  ['/c', { 'x-amazon-apigateway-any-method': { ...ok('c'), security: [{ api_key: [] }] }, 'x-note': { n: -0, list: [1, 2.5, 'x'] } }],
  ['/d/{proxy+}', { get: { ...ok(), description: 'kept\n\n\n' } }],
  ['/e', { get: { ...ok(), responses: { '200': { content: { 'application/json': { schema: { $ref: '#/definitions/Pet' } } } } } } }],
  ['/n', { get: { ...ok(), 'x-amazon-apigateway-integration': { ...integration('n'), passthroughBehavior: 'when_no_match', timeoutInMillis: 29000 } } }],
  // refused, or refused next to another entry
  ['/a/', { get: ok('same resource as /a') }],
  ['/f', { get: { operationId: 'getA', ...ok() } }],
  ['/g', { get: { ...ok(), responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Missing' } } } } } } }],
  ['/h', { get: { ...ok(), parameters: [{ $ref: '#/components/parameters/Limit' }] } }],
  ['/i', { get: { ...ok(), 'x-amazon-apigateway-request-validator': 'nope' } }],
  ['/j', { get: { responses: {}, 'x-amazon-apigateway-integration': { type: 'carrier-pigeon' } } }],
  ['k', { get: ok() }],
  ['/l', { get: { ...ok(), security: [{ unknown: [] }] } }],
  ['/m', ['not', 'an', 'object']],
];

const skeleton = {
  openapi: '3.0.1',
  info: { title: 'pets', version: '1' },
  'x-amazon-apigateway-request-validators': { all: { validateRequestBody: true, validateRequestParameters: true } },
  definitions: { Pet: { type: 'object' } },
  components: {
    schemas: { Pet: { type: 'object', properties: { name: { type: 'string' } } }, Pets: { type: 'array', items: { $ref: '#/components/schemas/Pet' } } },
    parameters: { Limit: { name: 'limit', in: 'query', schema: { type: 'integer' } } },
    securitySchemes: {
      auth: { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'custom', 'x-amazon-apigateway-authorizer': { type: 'token', authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/x' } },
      api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
    },
  },
};

type Syntax = 'yaml' | 'json' | 'pretty-json';

/** The document text with `entries` as its paths (each entry: an index into VARIANTS, or raw YAML lines). */
function documentText(syntax: Syntax, entries: number[], rootSecurity: boolean): string {
  const doc = { ...skeleton, ...(rootSecurity ? { security: [{ api_key: [] }] } : {}), paths: Object.fromEntries(entries.map((i) => VARIANTS[i]!)) };
  if (syntax === 'json') return JSON.stringify(doc);
  if (syntax === 'pretty-json') return JSON.stringify(doc, null, 2);
  return stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** Text edits inside or around the path entries (the splitter's boundaries). */
const EDITS = ['\n', '\n\n', ' ', '  ', '\n  /z:\n    get: {}\n', '# c\n', '  # c\n', '\t', '&a ', '*a', '|+\n', '\r\n', '"', "'", ',', '{', '}', '[', ']', ':', '- ', '? ', '__proto__: 1\n', 'paths:\n', '---\n', '  /a:\n', '"$ref": "#/x",', '\n    x-y: 1\n', '\n    get: {}\n'];

const scenario = fc.record({
  syntax: fc.constantFrom<Syntax>('yaml', 'json', 'pretty-json'),
  rootSecurity: fc.boolean(),
  base: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 6 }),
  steps: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), variant: fc.integer({ min: 0, max: VARIANTS.length - 1 }) }),
      fc.record({ kind: fc.constant('text' as const), at: fc.nat(), edit: fc.constantFrom(...EDITS) }),
    ),
    { minLength: 1, maxLength: 4 },
  ),
});

describe('importing path entry by path entry, with a cache, gives exactly the whole-document import', () => {
  it('random one-entry edits: the same model and tree, or the same error', async () => {
    let accepted = 0;
    let cachedEntries = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ syntax, rootSecurity, base, steps }) => {
        const { cache, hits } = memoryCache();
        let entries = base;
        let text = documentText(syntax, entries, rootSecurity);
        expect(await outcome(text, cache)).toEqual(await outcome(text));
        for (const step of steps) {
          let next: string;
          if (step.kind === 'replace') {
            const changed = [...entries];
            changed[step.at % changed.length] = step.variant;
            next = documentText(syntax, changed, rootSecurity);
            entries = changed;
          } else {
            const paths = text.indexOf('paths');
            const at = paths + (step.at % (text.length - paths + 1));
            next = text.slice(0, at) + step.edit + text.slice(at);
          }
          const uncached = await outcome(next);
          expect(await outcome(next, cache)).toEqual(uncached);
          if (uncached.ok) {
            text = next;
            accepted++;
          }
        }
        cachedEntries += hits();
      }),
      { numRuns: 100 },
    );
    // the property is about both decisions: many edits are accepted, many entries came from the cache
    expect(accepted).toBeGreaterThan(60);
    expect(cachedEntries).toBeGreaterThan(150);
  });

  it('unchanged entries come from the cache; a changed one is imported again', async () => {
    for (const syntax of ['yaml', 'json', 'pretty-json'] as const) {
      const { cache, hits } = memoryCache();
      const before = documentText(syntax, [0, 1, 2, 3, 5, 6], true);
      const after = documentText(syntax, [1, 0, 3, 5, 6, 2], true).replace('line two', 'line 2');
      expect(await outcome(before, cache)).toEqual(await outcome(before));
      expect(hits()).toBe(0);
      expect(await outcome(before, cache)).toEqual(await outcome(before));
      expect(hits()).toBe(6);
      // the entries reordered, one changed: five answered from the cache
      expect(await outcome(after, cache)).toEqual(await outcome(after));
      expect(hits()).toBe(11);
    }
  });

  it('a change outside the paths (the skeleton) makes every cached entry unused', async () => {
    const { cache, hits, envs } = memoryCache();
    const text = documentText('yaml', [0, 1, 2], false);
    await outcome(text, cache);
    const changed = text.replace('type: string', 'type: integer'); // model Pet changes
    expect(await outcome(changed, cache)).toEqual(await outcome(changed));
    expect(hits()).toBe(0);
    expect(envs.size).toBe(2);
  });

  it('the document is read as one where the cut is not certain', () => {
    const yaml = 'openapi: 3.0.1\ninfo:\n  title: t\npaths:\n  /a:\n    get: {}\n  /b:\n    get: {}\ncomponents: {}\n';
    expect(splitPaths(yaml)).toEqual({ syntax: 'yaml', skeleton: 'openapi: 3.0.1\ninfo:\n  title: t\npaths:\ncomponents: {}\n', entries: ['  /a:\n    get: {}\n', '  /b:\n    get: {}\n'] });
    expect(splitPaths('{"openapi":"3.0.1","paths":{"/a":{"get":{}}, "/b" : [1,{"x":"}\\""}]},"x":1}')).toEqual({
      syntax: 'json',
      skeleton: '{"openapi":"3.0.1","paths":{},"x":1}',
      entries: ['"/a":{"get":{}}', '"/b" : [1,{"x":"}\\""}]'],
    });
    for (const text of [
      yaml.replace(/\n/g, '\r\n'), // CRLF
      yaml.replace('  /b:', '  # note\n  /b:'), // a comment at the entries' indentation
      yaml.replace('  /b:', ' /b:'), // under-indented
      yaml.replace('  /b:', '  - /b:'), // a list
      yaml.replace('  /b:', '  {b: 1}:'), // a flow key
      yaml.replace('components: {}', 'paths2: {}'), // a second column-0 line starting with "paths"
      yaml.replace('paths:\n', 'paths: # c\n'),
      yaml.replace('paths:\n  /a:\n    get: {}\n  /b:\n    get: {}\n', 'paths: {}\n'),
      '{"paths":{"/a":{},}}', // trailing comma
      '{"paths":{"/a":{} "/b":{}}}',
      '{"info":{"paths":{"/a":{}}}}',
      '{"paths":{}}',
      '{"paths":{"/a":{"x":"unclosed}}}',
    ]) {
      expect(splitPaths(text)).toBe(undefined);
    }
  });
});
