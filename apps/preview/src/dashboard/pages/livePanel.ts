import { links } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import type { LoggedRequest } from '../requestLog.js';

/** Address of a request's details page. */
export const requestLink = (stage: string, id: number) => `${links.stage(stage)}/requests/${id}`;

function row(stage: string, r: LoggedRequest): SafeHtml {
  return html`<tr>
<td><time datetime="${r.time}">${r.time.slice(11, 19)}</time></td>
<td><code>${r.method}</code></td>
<td class="value"><a href="${requestLink(stage, r.id)}"><code>${r.path}${r.query ? `?${r.query}` : ''}</code></a></td>
<td><span class="badge ${r.status >= 400 ? 'breaking' : 'ok'}">${r.status}</span></td>
<td>${r.latency} ms</td>
<td>${r.canary ? html`<span class="badge canary">canary</span>` : 'stage'}</td>
</tr>`;
}

/** The last requests the stage served, newest first; the script appends new ones as they arrive (server-sent events). */
export function livePanel(stage: string, requests: LoggedRequest[] | undefined): SafeHtml {
  if (!requests) return html``;
  return html`<section aria-labelledby="live-h">
<h2 id="live-h">Live requests</h2>
<p>The last 50 requests preview served for this stage. <span id="live-status" class="muted" role="status"></span></p>
<table id="live-table" data-stage="${stage}">
<caption class="sr-only">Requests served by stage ${stage}, newest first</caption>
<thead><tr><th scope="col">Time</th><th scope="col">Method</th><th scope="col">Path</th><th scope="col">Status</th><th scope="col">Latency</th><th scope="col">Served by</th></tr></thead>
<tbody id="live-rows">${requests.map((r) => row(stage, r))}</tbody>
</table>
<p id="live-empty" class="muted"${requests.length ? html` hidden` : ''}>No requests yet: call <code>/${stage}/…</code> and they appear here.</p>
</section>`;
}

/** The dialog every editor opens before saving: the changes (before -> after) and the patch operations. */
export function reviewDialog(stageName: string): SafeHtml {
  return html`<dialog id="review-dialog" aria-labelledby="review-title">
<h2 id="review-title">Review changes to ${stageName}</h2>
<p>Saving records one new stage state (a stage commit), as <code>gitway stage update</code> does.</p>
<ul id="review-changes" class="changes"></ul>
<details><summary>Patch operations</summary><pre id="review-ops" class="body" tabindex="0"></pre></details>
<p class="form-error" id="review-error" role="alert"></p>
<div class="actions"><button type="button" id="review-cancel" autofocus>Cancel</button><button type="button" id="review-save" class="primary">Save</button></div>
</dialog>`;
}
