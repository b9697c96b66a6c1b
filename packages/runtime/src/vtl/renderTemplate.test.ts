import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createVtlInput } from './createVtlInput.js';
import { createVtlUtil } from './createVtlUtil.js';
import { renderTemplate } from './renderTemplate.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/vtl');
const load = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
const noParams = { path: {}, querystring: {}, header: {} };
const render = (template: string, body = '', params = noParams, extra: Record<string, unknown> = {}) =>
  renderTemplate(template, { input: createVtlInput(body, params), util: createVtlUtil(), context: { stage: 'prod' }, stageVariables: {}, ...extra });

describe('VTL fixtures (AWS docs examples)', () => {
  const docs = readdirSync(FIXTURES).filter((f) => f.startsWith('awsdocs__'));
  it.each(docs.filter((f) => f.includes('response-template')))('%s renders the documented transformed data', (file) => {
    const fx = load(file);
    expect(JSON.parse(render(fx.template, fx.body))).toEqual(JSON.parse(fx.expected));
  });
  // The docs pair one "transformed data" sample with both templates, but each request
  // template copies the original data field by field, so its output is the input body.
  it.each(docs.filter((f) => f.includes('request-template')))('%s reproduces the original data', (file) => {
    const fx = load(file);
    expect(JSON.parse(render(fx.template, fx.body))).toEqual(JSON.parse(fx.body));
  });
});

describe('VTL fixtures (LocalStack cases)', () => {
  it.each(['localstack__input_body_empty.json', 'localstack__input_json_non_json_body.json'])('%s', (file) => {
    const fx = load(file);
    expect(render(fx.template, fx.body, { ...noParams, ...fx.params }, { stageVariables: fx.stageVariables })).toBe(fx.expected);
  });
  const table = load('localstack__util_functions_table.json');
  it.each(table.cases as { input: unknown; expected: string }[])('$util.escapeJavaScript(%j)', ({ input, expected }) => {
    expect(render('$util.escapeJavaScript($v)', '', noParams, { v: input })).toBe(expected);
  });
  it.each([...table.urlEncode.map((c: object) => ({ ...c, fn: 'urlEncode' })), ...table.urlDecode.map((c: object) => ({ ...c, fn: 'urlDecode' }))])('$util.$fn($input)', ({ fn, input, expected }) => {
    expect(render(`$util.${fn}($v)`, '', noParams, { v: input })).toBe(expected);
  });
});

describe('renderTemplate', () => {
  it('exposes $input.json/path/params, $util, $context and $stageVariables', () => {
    const params = { path: { id: '7' }, querystring: { q: 'x' }, header: { 'X-Trace': 't1' } };
    const out = render(
      '$input.json(\'$.a\')|$input.path(\'$.a.b\')|$input.params(\'id\')|$input.params(\'q\')|$input.params(\'x-trace\')|$input.params().path.id|$util.base64Encode("hi")|$util.base64Decode("aGk=")|$util.parseJson(\'{"k":3}\').k|$context.stage|$stageVariables.env',
      '{"a":{"b":[1,2]}}',
      params,
      { stageVariables: { env: 'dev' } },
    );
    expect(out).toBe('{"b":[1,2]}|[1, 2]|7|x|t1|7|aGk=|hi|3|prod|dev');
  });

  it('fails loops and string growth past the limits instead of hanging', () => {
    expect(() => render('#foreach($i in [1..100000000])x#end')).toThrow(/iterations/);
    expect(() => render('#foreach($i in [1..200])#foreach($j in [1..200])x#end#end')).toThrow(/iterations/);
    expect(() => render('#set($s = "xxxxxxxxxxxxxxxx")#foreach($i in [1..40])#set($s = "$s$s")#end$s')).toThrow(/characters/);
  });

  it('keeps __proto__ harmless', () => {
    const out = render('#set($x = $input.path(\'$\'))$x.__proto__|$x.constructor|$x.a', '{"__proto__":{"polluted":1},"a":1}');
    expect(out).toContain('|1');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
