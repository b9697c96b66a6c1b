import type { Stage } from '@gitway/core';
import type { FieldChange } from '@gitway/core/internal';
import type { TimelineEntry } from '../data/stageTimeline.js';
import { deploymentLabel, links, showValue, timeAgo } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { shortId } from '@gitway/core/internal';

function changeItem(c: FieldChange): SafeHtml {
  const field = c.path.join('.');
  if (c.kind === 'added') return html`<li><code>${field}</code> set to <span class="value">${showValue(c.after)}</span></li>`;
  if (c.kind === 'removed') return html`<li><code>${field}</code> removed (was <span class="value">${showValue(c.before)}</span>)</li>`;
  return html`<li><code>${field}</code>: <span class="value">${showValue(c.before)}</span> → <span class="value">${showValue(c.after)}</span></li>`;
}

function row(stage: Stage, e: TimelineEntry, now: number): SafeHtml {
  const ref = `${stage.stageName}@{${e.index}}`;
  const id = e.state.stage.deploymentId;
  const label = `${shortId(id)}${e.deployment ? ` ${(e.deployment.description ?? '').split('\n')[0]}` : ''}`;
  const active = id === stage.deploymentId;
  const action =
    e.index === 0
      ? html`<span class="badge active">current state</span>`
      : active
        ? html`<span class="muted">same deployment as now</span>`
        : html`<button type="button" data-activate data-deployment="${id}" data-label="${label}" aria-label="Make active: ${label} (as in ${ref})">Make active…</button>`;
  return html`<tr>
<th scope="row"><code>${ref}</code></th>
<td>${timeAgo(e.state.updatedDate, now)}</td>
<td>${e.state.author.name}</td>
<td>${deploymentLabel(id, e.deployment?.description)}</td>
<td>${e.changes.length ? html`<ul>${e.changes.map(changeItem)}</ul>` : html`<span class="muted">${e.state.previous ? 'no setting changed' : 'stage created'}</span>`}
<div class="muted">${e.state.message}</div></td>
<td>${action}${active ? '' : html`<br><a href="${links.diff(stage.stageName, ref)}" aria-label="Diff of the active deployment against ${ref}">diff</a>`}</td>
</tr>`;
}

/** The stage's own history: who changed what, when, serving which deployment. */
export function historyTable(stage: Stage, entries: TimelineEntry[], now: number): SafeHtml {
  return html`<section aria-labelledby="history-h">
<h2 id="history-h">History</h2>
<table>
<caption class="sr-only">States of stage ${stage.stageName}, newest first</caption>
<thead><tr><th scope="col">State</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">Deployment</th><th scope="col">What changed</th><th scope="col">Actions</th></tr></thead>
<tbody>${entries.map((e) => row(stage, e, now))}</tbody>
</table>
</section>`;
}
