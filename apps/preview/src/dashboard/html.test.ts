import { describe, expect, it } from 'vitest';
import { html } from './html.js';

describe('html', () => {
  it('escapes interpolations, keeps nested html, joins arrays, drops null/false', () => {
    const name = '<b>"x" & \'y\'</b>';
    expect(html`<p title="${name}">${name}</p>`.value).toBe('<p title="&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;">&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;</p>');
    expect(html`<ul>${['a', '<b>'].map((x) => html`<li>${x}</li>`)}</ul>${null}${false}${undefined}`.value).toBe('<ul><li>a</li><li>&lt;b&gt;</li></ul>');
  });
});
