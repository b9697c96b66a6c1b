import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { GitwayError } from '../errors/GitwayError.js';
import { parseFast } from './parseFast.js';
import { parseText } from './parseText.js';

type Outcome = { ok: true; value: unknown } | { ok: false; code: string };

function slowPath(text: string): Outcome {
  try {
    return { ok: true, value: parseText(text, 'api.yaml').value };
  } catch (e) {
    return { ok: false, code: (e as GitwayError).code ?? `uncoded: ${(e as Error).message}` };
  }
}

/** What parseDefinition does: the fast path, and the slow path only when the fast one declines. */
function bothPaths(text: string): Outcome {
  const fast = parseFast(text);
  return fast ? { ok: true, value: fast.value } : slowPath(text);
}

// Keys that matter to the checks: forbidden ones, ones the parsers could read differently.
const key = fc.oneof(
  { weight: 8, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'null', '~', '1', '1.0', 'true', '1e400', '<<', '-', '? a', '& x', '*x', '!t', '#') },
);
const scalar = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('1e400', '-1e999', '0x1F', '0o17', '.inf', '1_000', 'yes', '2001-12-14', '"q"', "'s'", ': x', '- y', '{a: 1}', '[1]'),
);
const { value: doc } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
}));

/** Text edits that turn a valid document into a suspicious one. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(':', '-', ' ', '\n', '\t', '{', '}', '[', ']', ',', '"', "'", '&a ', '*a', '!!str ', '!x ', '? ', '#', '|', '>', '%', '@', '`', '__proto__: 1\n', 'a: 1\na: 2\n', '\u00a0', '\\', '[x, y]: ', '{x: 1}: ', '? [a]\n: ', '<<: ', '~: ', 'null: ', '&b [1]', '*b', '!!float ', '*/*: ') }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('deepen' as const), levels: fc.integer({ min: 60, max: 70 }) }),
  fc.record({ kind: fc.constant('alias' as const) }),
);

interface Mutation {
  kind: string;
  at?: number;
  text?: string;
  length?: number;
  levels?: number;
}

function mutate(text: string, m: Mutation): string {
  const at = text.length ? (m.at ?? 0) % (text.length + 1) : 0;
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + (m.length ?? 1));
    case 'duplicateLine': {
      const lines = text.split('\n');
      const i = (m.at ?? 0) % lines.length;
      return [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)].join('\n');
    }
    case 'deepen':
      return `${'['.repeat(m.levels ?? 0)}${JSON.stringify(text)}${']'.repeat(m.levels ?? 0)}`;
    default:
      return `base: &a ${JSON.stringify(text)}\ncopy: *a\n`;
  }
}

const RUNS = 1000;
let fastAccepted = 0;

/** -0 and 0 are one number once stored (a definition is kept as JSON, which has no -0); js-yaml reads `-0` as 0, yaml as -0. */
function zeroes(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(zeroes);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, zeroes(v)]));
  return value;
}

function expectSameOutcome(text: string): void {
  if (parseFast(text)) fastAccepted++;
  const both = bothPaths(text);
  const slow = slowPath(text);
  expect(both.ok).toBe(slow.ok);
  if (both.ok && slow.ok) expect(zeroes(both.value)).toStrictEqual(zeroes(slow.value));
  if (!both.ok && !slow.ok) expect(both.code).toBe(slow.code);
}

describe('the fast parse path accepts and refuses exactly what the position-aware parser does', () => {
  it('a comment glued to a flow collection or a quoted scalar, a float like -.5 (found by the property below)', () => {
    expectSameOutcome('"": [-0]\n');
    for (const text of ['- null\n- {}#\n', 'a: []#x\n', 'a: "b"#\n', "a: 'b'#\n", '- - -.803117218670931e-206\n', 'a: +.5\n']) {
      expect(parseFast(text)).toBe(undefined);
      expectSameOutcome(text);
    }
    expect(parseFast('a: b#c\n')).toEqual({ value: { a: 'b#c' } });
    // an opening quote before '#' is not a glued comment: $refs stay on the fast path
    expect(parseFast('$ref: "#/components/schemas/Pet"\n')).toEqual({ value: { $ref: '#/components/schemas/Pet' } });
  });

  it('random YAML documents, with and without mutations', () => {
    fastAccepted = 0;
    fc.assert(
      fc.property(doc, fc.array(mutation, { maxLength: 2 }), (value, mutations) => {
        let text = stringify(value);
        for (const m of mutations) text = mutate(text, m);
        expectSameOutcome(text);
      }),
      { numRuns: RUNS },
    );
    // The property compares something only when the fast path accepts: it must, often.
    expect(fastAccepted).toBeGreaterThan(RUNS / 4);
  }, 120_000);

  it('random JSON documents, with and without mutations', () => {
    fastAccepted = 0;
    fc.assert(
      fc.property(doc, fc.array(mutation, { maxLength: 2 }), fc.boolean(), (value, mutations, pretty) => {
        let text = JSON.stringify(value, null, pretty ? 2 : undefined) ?? 'null';
        for (const m of mutations) text = mutate(text, m);
        expectSameOutcome(text);
      }),
      { numRuns: RUNS },
    );
    // The property compares something only when the fast path accepts: it must, often.
    expect(fastAccepted).toBeGreaterThan(RUNS / 4);
  }, 120_000);

  it('takes the fast path for ordinary documents (so the property above tests it)', () => {
    expect(parseFast('openapi: 3.0.1\ninfo: { title: t }\npaths: {}\n')).toStrictEqual({ value: { openapi: '3.0.1', info: { title: 't' }, paths: {} } });
    expect(parseFast('{"openapi": "3.0.1", "paths": {"/a": {}}}')).toStrictEqual({ value: { openapi: '3.0.1', paths: { '/a': {} } } });
  });

  it.each([
    ['a quoted scalar continued on a less indented line', '- a: ":\n  - b\n- c\n"'],
    ['an empty entry ending a line', '- - \n- - \n  - 1\n'],
    ['a list used as a key', 'x:\n  [a, b]: 1\n'],
    ['an alias', 'a: &x [1]\nb: *x\n'],
    ['a tag', 'a: !!float 1\n'],
  ])('declines YAML the two parsers read differently: %s', (_what, text) => {
    expect(parseFast(text)).toBeUndefined();
  });

  it('keeps plain scalars with braces in keys on the fast path (4\\d{2}: selection patterns)', () => {
    expect(parseFast('responses:\n  4\\d{2}:\n    statusCode: "404"\n')).toStrictEqual({ value: { responses: { '4\\d{2}': { statusCode: '404' } } } });
  });

  it.each([
    ['a duplicate YAML key', 'a: 1\nb: 2\na: 3\n', 'ParseError'],
    ['a duplicate JSON key', '{"a": 1, "b": {"c": 1, "c": 2}}', 'ParseError'],
    ['a forbidden YAML key', 'a:\n  __proto__: { x: 1 }\n', 'InvalidDefinitionError'],
    ['a forbidden JSON key', '{"a": {"constructor": 1}}', 'InvalidDefinitionError'],
    ['nesting deeper than 64', `${'['.repeat(65)}${']'.repeat(65)}`, 'TooLargeError'],
    ['a complex key', '? [a, b]\n: 1\n', 'InvalidDefinitionError'],
  ])('%s: the fast path declines and the slow path refuses with its code', (_what, text, code) => {
    expect(parseFast(text)).toBeUndefined();
    expect(slowPath(text)).toStrictEqual({ ok: false, code });
  });
});
