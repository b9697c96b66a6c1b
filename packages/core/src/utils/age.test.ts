import { describe, expect, it } from 'vitest';
import { age } from './age.js';
import { shortId } from './shortId.js';

describe('age', () => {
  const now = Date.parse('2026-02-01T00:00:00Z');
  it.each([
    ['2026-01-31T23:59:50Z', 'just now'],
    ['2026-01-31T23:59:00Z', '1 minute ago'],
    ['2026-01-31T21:00:00Z', '3 hours ago'],
    ['2026-01-29T00:00:00Z', '3 days ago'],
    ['2025-02-01T00:00:00Z', '1 year ago'],
    ['2026-03-01T00:00:00Z', 'in the future'],
    ['not a date', 'not a date'],
  ])('%s -> %s', (iso, expected) => expect(age(iso, now)).toBe(expected));
});

describe('shortId', () => {
  it('is the first 10 hex digits of an id, - for none', () => {
    expect([shortId('3f9a2c71d0e4b5a6c7d8e9f00112233445566778'), shortId(undefined), shortId('')]).toEqual(['3f9a2c71d0', '-', '-']);
  });
});
