import { describe, expect, it } from 'vitest';
import { mergeJson } from './mergeJson.js';

// [name, base, ours, theirs, merged, conflict paths]
const cases: [string, unknown, unknown, unknown, unknown, string[][]][] = [
  ['different fields', { a: 1, b: 1 }, { a: 2, b: 1 }, { a: 1, b: 3 }, { a: 2, b: 3 }, []],
  ['same change both sides', { a: 1 }, { a: 2 }, { a: 2 }, { a: 2 }, []],
  ['same field two ways', { a: 1 }, { a: 2 }, { a: 3 }, { a: 2 }, [['a']]],
  ['deep different fields', { i: { uri: 'a', t: 1 } }, { i: { uri: 'b', t: 1 } }, { i: { uri: 'a', t: 2 } }, { i: { uri: 'b', t: 2 } }, []],
  ['delete vs modify field', { a: 1, b: 1 }, { b: 1 }, { a: 5, b: 1 }, { b: 1 }, [['a']]],
  ['delete field both sides', { a: 1, b: 1 }, { b: 1 }, { b: 1 }, { b: 1 }, []],
  ['both add different map entries', {}, { p: { x: true } }, { p: { y: false } }, { p: { x: true, y: false } }, []],
  ['both add same key differently', {}, { p: 1 }, { p: 2 }, { p: 1 }, [['p']]],
  ['arrays are atomic', { s: [1] }, { s: [1, 2] }, { s: [1, 3] }, { s: [1, 2] }, [['s']]],
  ['one side only', { a: 1 }, { a: 1 }, { a: 1, c: 3 }, { a: 1, c: 3 }, []],
];

describe('mergeJson', () => {
  it.each(cases)('%s', (_name, base, ours, theirs, merged, conflictPaths) => {
    const m = mergeJson(base, ours, theirs);
    expect(m.value).toEqual(merged);
    expect(m.conflicts.map((c) => c.path)).toEqual(conflictPaths);
  });
});
