import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertSize, MAX_BYTES, utf8Length } from './parseLimits.js';

describe('the size limit counts UTF-8 bytes', () => {
  it("utf8Length is the encoder's length, lone surrogates included", () => {
    for (const s of ['', 'abc', 'é', '€', '😀', '\ud800', '\udc00x', 'a\ud83d', '\ud83d\ude00\ud83d']) expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => utf8Length(s) === new TextEncoder().encode(s).length));
  });

  it('a document one byte over the limit is refused, at the limit accepted', () => {
    const at = 'é'.repeat(MAX_BYTES / 2);
    expect(() => assertSize(at, 'api.yaml')).not.toThrow();
    expect(() => assertSize(`${at}x`, 'api.yaml')).toThrow(expect.objectContaining({ code: 'TooLargeError', message: `api.yaml: document is ${MAX_BYTES + 1} bytes, over the ${MAX_BYTES} byte limit` }));
  });
});
