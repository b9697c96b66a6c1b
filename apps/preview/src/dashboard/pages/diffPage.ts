import type { Change } from '@gitway/core';
import type { RouteContext } from '../context.js';
import { diffWithText, type DiffWithText } from '../data/diffWithText.js';
import { showValue } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from './layout.js';
import { shortId } from '@gitway/core/internal';

/** The "compare two revisions" form (GET /_gitway/diff?from=&to=). */
export function compareForm(from: string, to: string): SafeHtml {
  return html`<form class="inline" method="get" action="/_gitway/diff">
<div><label for="diff-from">From</label><input type="text" id="diff-from" name="from" value="${from}" required aria-describedby="rev-help" spellcheck="false"></div>
<div><label for="diff-to">To</label><input type="text" id="diff-to" name="to" value="${to}" required aria-describedby="rev-help" spellcheck="false"></div>
<button type="submit" class="primary">Compare</button>
<p id="rev-help" class="muted">Any revision: a deployment id (4+ hex digits), a branch, a stage (<code>prod</code>), <code>HEAD</code>, <code>main~1</code>, <code>prod@{1}</code>.</p>
</form>`;
}

const clip = (v: unknown): string => {
  const s = showValue(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
};

function changeRow(c: Change): SafeHtml {
  const whole = c.field === undefined;
  const values =
    c.kind === 'changed'
      ? html`<span class="value">${clip(c.before)}</span> → <span class="value">${clip(c.after)}</span>`
      : whole
        ? html`<span class="muted">${c.kind === 'added' ? 'new' : 'gone'} ${c.target === 'operation' ? 'operation' : c.target}</span>`
        : html`<span class="value">${clip(c.kind === 'added' ? c.after : c.before)}</span>`;
  return html`<tr${c.breaking ? html` class="breaking"` : ''}>
<td>${c.breaking ? html`<span class="badge breaking">Breaking</span> ` : ''}${c.kind}</td>
<th scope="row"><code>${c.path}</code></th>
<td class="field">${c.field ? html`<code>${c.field}</code>` : ''}</td>
<td class="val">${values}</td>
<td>${c.reason}</td>
</tr>`;
}

function textDiff(text: string): SafeHtml {
  const lines = text.replace(/\n$/, '').split('\n');
  const cls = (l: string) => (l.startsWith('+++') || l.startsWith('---') || l.startsWith('===') || l.startsWith('Index:') ? 'meta' : l.startsWith('@@') ? 'hunk' : l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : '');
  return html`<pre class="udiff" tabindex="0" aria-label="Unified diff of the exported definitions">${lines.map((l) => html`<span class="${cls(l)}">${l}</span>`)}</pre>`;
}

function results(from: string, to: string, d: DiffWithText): SafeHtml {
  const breaking = d.changes.filter((c) => c.breaking).length;
  const ids = html`<code title="${d.from.id ?? ''}">${shortId(d.from.id ?? '')}</code> → <code title="${d.to.id ?? ''}">${shortId(d.to.id ?? '')}</code>`;
  if (d.changes.length === 0) return html`<p class="panel summary">No differences between ${from} and ${to} (${ids}).</p>`;
  return html`<p class="panel summary">${d.changes.length} change${d.changes.length === 1 ? '' : 's'} from <strong>${from}</strong> to <strong>${to}</strong> (${ids}): ${
    breaking ? html`<span class="badge breaking">${breaking} breaking</span>` : html`<span class="badge ok">no breaking change</span>`
  }</p>
<table>
<caption class="sr-only">Semantic changes, breaking ones marked</caption>
<thead><tr><th scope="col">Change</th><th scope="col">What</th><th scope="col">Field</th><th scope="col">Value</th><th scope="col">Why (breaking or not)</th></tr></thead>
<tbody>${d.changes.map(changeRow)}</tbody>
</table>
<h2>Definition diff</h2>
${textDiff(d.text)}`;
}

/** GET /_gitway/diff?from=A&to=B — core's semantic diff (breaking changes marked) and the unified text diff. */
export async function diffPage(rc: RouteContext): Promise<SafeHtml> {
  const from = rc.url.searchParams.get('from') ?? '';
  const to = rc.url.searchParams.get('to') ?? '';
  const body = from && to ? results(from, to, await diffWithText(rc.ctx.repo, from, to)) : html`<p class="muted">Choose two revisions to compare.</p>`;
  return layout(rc, {
    title: from && to ? `Diff ${from} → ${to}` : 'Diff',
    section: 'diff',
    body: html`<h1>Diff</h1>${compareForm(from, to)}${body}`,
  });
}
