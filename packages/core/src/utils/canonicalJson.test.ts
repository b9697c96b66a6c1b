import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, sortKeys } from './canonicalJson.js';

const integerLike = (k: string) => /^(0|[1-9]\d*)$/.test(k);
function hasIntegerKey(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasIntegerKey);
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => integerLike(k) || hasIntegerKey(x));
  return false;
}
describe('canonicalJson', () => {
  it('is JSON.stringify(value, null, 2) with keys in code-point order, trailing newline', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v) ?? 'null'));
        expect(canonicalJson(JSON.parse(text))).toBe(text); // stable
        expect(text.endsWith('\n')).toBe(true);
        // Without integer-like keys (which JS objects reorder), byte-equal to the naive form.
        if (!hasIntegerKey(v)) expect(text).toBe(JSON.stringify(sortKeys(v), null, 2) + '\n');
      }),
      { numRuns: 2000 },
    );
    const sample = { b: [1, { d: undefined, c: 'x' }, [], {}], a: null, e: -0, f: 1e21, g: undefined, h: '\u2028"' };
    expect(canonicalJson(sample)).toBe(JSON.stringify(sortKeys(sample), null, 2) + '\n');
  });

  it('orders integer-like keys by code point too ("1000" before "200"), unlike JS objects', () => {
    expect(canonicalJson({ '200': 1, '1000': 2, '': 3, a: 4 })).toBe('{\n  "": 3,\n  "1000": 2,\n  "200": 1,\n  "a": 4\n}\n');
    expect(canonicalJson({ z: { '9': 1, '10': 2 } })).toBe('{\n  "z": {\n    "10": 2,\n    "9": 1\n  }\n}\n');
  });

  it('keeps a "__proto__" key as data', () => {
    const v = JSON.parse('{"__proto__": {"x": 1}, "a": 2}');
    expect(canonicalJson(v)).toBe('{\n  "__proto__": {\n    "x": 1\n  },\n  "a": 2\n}\n');
  });
});
