import { describe, expect, it } from 'vitest';
import { age } from './format.js';
import { html } from './html.js';

describe('html', () => {
  it('escapes interpolations, keeps nested html, joins arrays, drops null/false', () => {
    const name = '<b>"x" & \'y\'</b>';
    expect(html`<p title="${name}">${name}</p>`.value).toBe('<p title="&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;">&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;</p>');
    expect(html`<ul>${['a', '<b>'].map((x) => html`<li>${x}</li>`)}</ul>${null}${false}${undefined}`.value).toBe('<ul><li>a</li><li>&lt;b&gt;</li></ul>');
  });
});

describe('age', () => {
  const now = Date.parse('2026-02-01T00:00:00Z');
  it.each([
    ['2026-01-31T23:59:50Z', 'just now'],
    ['2026-01-31T23:59:00Z', '1 minute ago'],
    ['2026-01-31T21:00:00Z', '3 hours ago'],
    ['2026-01-29T00:00:00Z', '3 days ago'],
    ['2025-02-01T00:00:00Z', '1 year ago'],
    ['2026-03-01T00:00:00Z', 'in the future'],
  ])('%s -> %s', (iso, expected) => expect(age(iso, now)).toBe(expected));
});
