import { describe, expect, it } from 'vitest';
import { createVtlInput } from './createVtlInput.js';
import { createVtlUtil } from './createVtlUtil.js';
import { renderTemplate } from './renderTemplate.js';
import type { TemplateLimits } from './TemplateBudget.js';

const noParams = { path: {}, querystring: {}, header: {} };
// A generous time budget unless a test is about time: which limit trips first must not depend on the machine's load.
const render = (template: string, body = '', extra: Record<string, unknown> = {}, limits: Partial<TemplateLimits> = {}) =>
  renderTemplate(template, { input: createVtlInput(body, noParams), util: createVtlUtil(), context: { stage: 'prod' }, stageVariables: {}, ...extra }, { timeBudgetMs: 600_000, ...limits });
const doubling = (step: string) => '#set($a = [1, 2])' + `#set($a = ${step})`.repeat(30) + '$a.size()';

describe('template memory is bounded', () => {
  it('JavaScript built-ins such as concat are not reachable: the crashing template renders without growing', () => {
    expect(render(doubling('$a.concat($a)'))).toBe('');
  });

  it('refuses lists, maps and strings past their limits', () => {
    expect(() => render('#set($a = [1, 2])' + '#set($ok = $a.addAll($a))'.repeat(30) + '$a.size()')).toThrow(/more than 100000 elements/);
    expect(() => render('#set($a = [1])' + '#set($a = [$a, $a])'.repeat(40) + '$a', '', {}, { maxOutputChars: 100_000 })).toThrow(/output exceeded 100000 characters/);
    expect(() => render('#set($s = "xxxxxxxx")' + '#set($s = $s.concat($s))'.repeat(30) + '$s.length()')).toThrow(/characters/);
    expect(() => render('#set($s = "xxxxxxxx")' + '#set($s = "$s$s")'.repeat(30))).toThrow(/characters/);
    expect(() => render('#set($s = "xxxxxxxx")' + '#set($s = $s + $s)'.repeat(30))).toThrow(/characters/);
    expect(() => render('#set($s = "ab")' + '#set($s = $s.replace("", "0123456789abcdef0123456789"))'.repeat(8) + '$s')).toThrow(/characters/);
    expect(() => render('#set($m = {})#foreach($i in [1..5000])#set($x = $m.put("k$i", $i))#end$m.size()', '', {}, { maxCollectionSize: 1000 })).toThrow(/more than 1000 elements/);
  });

  it('charges everything a render allocates against one total', () => {
    const big = 'y'.repeat(1000);
    expect(() => render('#foreach($i in [1..200])#set($s = "$big$big")#end', '', { big }, { maxAllocated: 100_000 })).toThrow(/allocated more than 100000/);
  });

  it('stops a render at its time budget (deterministic clock: one tick per reading)', () => {
    let t = 0;
    const now = () => (t += 1);
    expect(() => render('#foreach($i in [1..4000])$i#end', '', {}, { timeBudgetMs: 50, now })).toThrow(/time budget of 50 ms/);
    t = 0;
    const body = JSON.stringify({ items: Array.from({ length: 20_000 }, (_, i) => ({ a: i, b: { a: i } })) });
    expect(() => render("$input.json('$..a')", body, {}, { timeBudgetMs: 50, now })).toThrow(/time budget/);
  });

  it("bounds $input.json through '..' and '*' before building the text", () => {
    const body = JSON.stringify({ a: { a: { a: { a: 'z'.repeat(2000) } } } });
    expect(() => render("$input.json('$..*')", body, {}, { maxOutputChars: 5000 })).toThrow(/\$input.json output exceeded 5000/);
  });
});

describe('template regexes run in linear time (RE2)', () => {
  const evil = 'a'.repeat(40) + '!';
  it('a catastrophic pattern answers at once', () => {
    expect(render("$s.matches('^(a+)+$')|$s.match('(a+)+$')|$s.replaceAll('(a+)+$', 'x')", '', { s: evil })).toBe('false||' + evil);
  });

  it('Java String regex methods keep their meaning', () => {
    expect(render("$s.matches('[a-z]+')|$s.replaceAll('(o)', '[$1]')|$s.replaceFirst('o', '0')|$s.split('o')|$s.split('o').size()", '', { s: 'foobaro' })).toBe(
      'true|f[o][o]bar[o]|f0obaro|[f, , bar]|3',
    );
  });

  it('refuses a regex over more than maxRegexInput characters and filters that call methods', () => {
    expect(() => render("$s.matches('a*')", '', { s: 'a'.repeat(101) }, { maxRegexInput: 100 })).toThrow(/refused \(limit 100\)/);
    expect(() => render("$input.path('$.a[?(@.n.match(/(a+)+$/))]')", JSON.stringify({ a: [{ n: evil }] }))).toThrow(/not allowed in filters/);
    expect(render("$input.json('$.a[?(@.n > 1)].n')", JSON.stringify({ a: [{ n: 1 }, { n: 2 }] }))).toBe('[2]');
  });
});

describe('templates cannot change what they are given', () => {
  it('writes to $context, $stageVariables, $util and $input do nothing', () => {
    const stageVariables = { backend: 'http://a' };
    const context = { stage: 'prod', authorizer: { claims: { sub: 'u1' } } };
    const util = createVtlUtil();
    const out = render(
      "#set($stageVariables.backend = 'http://evil')#set($x = $stageVariables.put('backend', 'http://evil'))#set($context.stage = 'x')#set($context.authorizer.claims.sub = 'root')" +
        "#set($y = $util.put('escapeJavaScript', 'gone'))#set($util.base64Encode = 'gone')#set($input.body = 'x')" +
        '$stageVariables.backend|$context.stage|$context.authorizer.claims.sub|$util.escapeJavaScript(\'a"b\')|$util.base64Encode(\'hi\')|$input.body',
      '{"k":1}',
      { stageVariables, context, util },
    );
    expect(out).toBe('http://a|prod|u1|a\\"b|aGk=|{"k":1}');
    expect([stageVariables, context, Object.keys(util).sort()]).toEqual([
      { backend: 'http://a' },
      { stage: 'prod', authorizer: { claims: { sub: 'u1' } } },
      ['base64Decode', 'base64Encode', 'escapeJavaScript', 'parseJson', 'urlDecode', 'urlEncode'],
    ]);
  });

  it('no $util.eval, and functions cannot be called through call/apply', () => {
    const util = createVtlUtil();
    render("$util.escapeJavaScript('x')", '', { util, secret: 's3cret' });
    expect(render("#set($f = $util.eval)$f.call($util, '$secret')|$util.eval('$secret')", '', { util })).toBe('|');
    expect(Object.hasOwn(util, 'eval')).toBe(false);
  });

  it('template-owned lists and maps stay mutable', () => {
    expect(render('#set($m = {})#set($x = $m.put("a", 1))#set($l = [])#set($y = $l.add("z"))$m.a|$m.get("a")|$l|$l.get(0)|$m.keySet()')).toBe('1|1|[z]|z|[a]');
    expect(render("#set($b = $input.path('$'))#set($b.k = 2)$b.k|$input.path('$.k')", '{"k":1}')).toBe('2|2');
  });
});

describe('API Gateway rendering of references', () => {
  it('undefined references render as empty text (recorded: $stageVariables.nonExisting -> "")', () => {
    expect(render('[$stageVariables.nonExisting]', '', { stageVariables: { a: '1' } })).toBe('[]');
    expect(render("[$input.json('$.message').testAccess]", 'not json')).toBe('[]');
    expect(render('[$!missing|$missing|$!{missing}|$missing.deeper.still|$input.path(\'$.nope\')]', '{}')).toBe('[||||]');
  });

  it("$input.path('$.pets').count() and .size() give the list size (AWS's documented example)", () => {
    const body = JSON.stringify({ pets: [{ id: 1 }, { id: 2 }, { id: 3 }] });
    expect(render("$input.path('$.pets').count()|$input.path('$.pets').size()|$input.path('$.pets[0].id')", body)).toBe('3|3|1');
  });
});
