import { parse } from 'velocityjs';
import { describe, expect, it } from 'vitest';
import { createRequestContext } from '../createRequestContext.js';
import { createVtlInput } from './createVtlInput.js';
import { createVtlUtil } from './createVtlUtil.js';
import { flatten } from './flatTemplate.js';
import { render } from './renderTemplate.js';
import type { TemplateLimits } from './TemplateBudget.js';

// The flat renderer must answer exactly as velocityjs does: the same text, or the same error.

const BODY = JSON.stringify({ a: { b: [1, 2, 'x'] }, list: [{ n: 1 }, { n: 2 }], s: 'Hello, "World"\n', big: 'z'.repeat(3000), nul: null });
const PARAMS = { path: { id: '42', proxy: 'a/b' }, querystring: { q: 'x y', '': 'empty' }, header: { host: 'api.example.com', 'user-agent': 'ua', 'X-Mixed': 'M' } };

/** Every $context field a request has, as the pipeline fills it in, plus an authorizer's. */
function fullContext(): Record<string, unknown> {
  const ctx = createRequestContext({
    now: Date.UTC(2024, 0, 2, 3, 4, 5), random: () => 0.25, stageName: 'prod', apiId: 'abc123', accountId: '123456789012',
    method: 'GET', path: '/pets/42', headers: { host: 'api.example.com', 'user-agent': 'ua' }, sourceIp: '10.0.0.1',
  });
  Object.assign(ctx, { resourcePath: '/pets/{id}', resourceId: 'r1', status: 200, responseLength: 12, integrationLatency: 3, responseLatency: 4, integrationStatus: 200 });
  ctx.authorizer = { principalId: 'user-1', tier: 'gold', n: 3, ok: true };
  ctx.error = { message: 'Forbidden', messageString: '"Forbidden"', responseType: 'ACCESS_DENIED' };
  return ctx;
}

const variables = () => ({ input: createVtlInput(BODY, PARAMS), util: createVtlUtil(), context: fullContext(), stageVariables: { backend: 'http://b', empty: '' } });

function both(template: string, limits: Partial<TemplateLimits> = {}): [string, string] {
  const run = (flat: boolean) => {
    try {
      return `ok:${render(template, variables(), { timeBudgetMs: 600_000, ...limits }, flat)}`;
    } catch (error) {
      return `error:${(error as Error).name}:${(error as Error).message}`;
    }
  };
  return [run(true), run(false)];
}

/** A deterministic PRNG (mulberry32). */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CONTEXT_FIELDS = Object.keys(fullContext());
const ROOTS = ['input', 'context', 'stageVariables', 'util', 'nope', 'hasOwnProperty', 'toString'];
const PROPERTIES = [...CONTEXT_FIELDS, 'sourceIp', 'userAgent', 'principalId', 'tier', 'n', 'ok', 'message', 'backend', 'empty', 'body', 'length', 'a', 'b', 'missing', 'valueOf', 'params'];
const METHODS = [
  "params('id')", "params('q')", "params('host')", "params('HOST')", "params('X-Mixed')", "params('proxy')", 'params()', "params('')",
  "json('$.a')", "json('$')", "json('$.list[*].n')", "json('$..n')", "json('$.nope')", "json('$.big')", "path('$.a.b')", "path('$.list')", "path('$.s')", "path('$.nul')", 'path("$.a")',
  'size()', 'length()', 'toUpperCase()', 'toLowerCase()', 'trim()', 'substring(0, 3)', 'substring(2)', "get('a')", "get('tier')", 'keySet()', 'values()', 'isEmpty()',
  "contains('o')", "startsWith('pr')", "equals('prod')", "replace('o', '0')", "split(',')", "indexOf('e')", 'charAt(1)', 'toString()', 'getStage()', 'getTier()',
  'escapeJavaScript($context.stage)', "escapeJavaScript($input.path('$.s'))", "urlEncode('a b&c')", "urlDecode('a+b%26')", "base64Encode('hi')", "base64Decode('aGk=')", "parseJson('{\"k\": 1}')", "parseJson('bad')",
  'escapeJavaScript($nope)', 'equals($context.stage)', "put('x', 1)", 'add(1)', 'clear()', "remove('stage')", 'concat("!")', "matches('[a-z]+')",
];

function reference(random: () => number): string {
  const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  let ref = pick(ROOTS);
  const steps = Math.floor(random() * 4);
  for (let i = 0; i < steps; i++) ref += `.${random() < 0.5 ? pick(PROPERTIES) : pick(METHODS)}`;
  const form = random();
  return form < 0.6 ? `$${ref}` : form < 0.8 ? `$!${ref}` : form < 0.9 ? `\${${ref}}` : `$!{${ref}}`;
}

describe('flat templates render exactly as velocityjs renders them', () => {
  it('the pipeline bench template, and every $context field alone, on both renderers', () => {
    const bench = `{"id": "$input.params('id')", "stage": "$context.stage", "method": "$context.httpMethod", "requestId": "$context.requestId"}`;
    expect(flatten(parse(bench))).not.toBeNull();
    const [flat, full] = both(bench);
    expect(flat).toBe(full);
    expect(flat).toBe(`ok:{"id": "42", "stage": "prod", "method": "GET", "requestId": "${fullContext().requestId}"}`);
    for (const field of CONTEXT_FIELDS) {
      const template = `"${field}": "$context.${field}" $!{context.${field}}`;
      expect(flatten(parse(template))).not.toBeNull();
      const [flat, full] = both(template);
      expect({ template, out: flat }).toEqual({ template, out: full });
    }
    for (const template of ['$context', '$context.identity $context.authorizer $context.error', "$input.params() $input.params('id').length()"]) {
      const [flat, full] = both(template);
      expect({ template, out: flat }).toEqual({ template, out: full });
    }
  });

  it('1,000 random templates of text and references give the same text or the same error', () => {
    const random = prng(19);
    let flatCount = 0;
    for (let i = 0; i < 1000; i++) {
      const pieces: string[] = [];
      const n = 1 + Math.floor(random() * 4);
      for (let j = 0; j < n; j++) pieces.push(['{"k": "', '", ', ' ', '', '\n', '#* c *#', '## line\n', '#[[ $raw ]]#', ' $ ', ' \\$x ', '.', '(x)'][Math.floor(random() * 12)], reference(random));
      const template = pieces.join('');
      let flat: unknown;
      try {
        flat = flatten(parse(template));
      } catch {
        continue; // a template that does not parse fails before either renderer
      }
      if (flat) flatCount++;
      const [a, b] = both(template);
      expect({ template, out: a }).toEqual({ template, out: b });
    }
    expect(flatCount).toBeGreaterThan(500);
  });

  it('limits trip the same way: output size, allocation, time budget', () => {
    for (const [template, limits] of [
      ["$input.path('$.big')$input.path('$.big')", { maxOutputChars: 5000 }],
      ["$input.json('$.big')", { maxOutputChars: 2000 }],
      ["$input.path('$.big').substring(0, 2500)$input.path('$.big').substring(0, 2500)", { maxAllocated: 4000 }],
      ["$input.path('$.list') $input.params()", { maxOutputChars: 40 }],
      ['$context.stage'.repeat(200), { timeBudgetMs: 1, now: ((t) => () => (t += 1))(0) }], // the clock is read every 64th step
    ] as [string, Partial<TemplateLimits>][]) {
      expect(flatten(parse(template))).not.toBeNull();
      const [flat, full] = both(template, limits);
      expect(flat).toMatch(/^error:TemplateLimitError:/);
      expect(flat).toBe(full);
    }
  });

  it('anything beyond text and references takes velocityjs: directives, index lookups, calls on the root, evaluated strings, guarded names', () => {
    for (const template of [
      '#set($x = 1)$x', '#if($context.stage == "prod")p#end', '#foreach($i in [1..2])$i#end', "$input.params()['path']", '$context["stage"]',
      '$foo()', '$util.escapeJavaScript("$context.stage")', '$context.constructor', '$context.__proto__', '$prototype', "#define($d)x#end$d",
    ]) {
      expect([template, flatten(parse(template))]).toEqual([template, null]);
      const [flat, full] = both(template);
      expect({ template, out: flat }).toEqual({ template, out: full });
    }
  });
});
