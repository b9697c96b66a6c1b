import type { RouteContext } from '../context.js';
import { links } from '../format.js';
import { HttpError } from '../http.js';
import { html, type SafeHtml } from '../html.js';
import type { LoggedRequest } from '../requestLog.js';
import { layout } from './layout.js';

function headerTable(caption: string, headers: Record<string, string>): SafeHtml {
  const rows = Object.entries(headers);
  return html`<table class="compact"><caption>${caption}</caption><tbody>${
    rows.length ? rows.map(([k, v]) => html`<tr><th scope="row"><code>${k}</code></th><td class="value">${v}</td></tr>`) : html`<tr><td class="muted">none</td></tr>`
  }</tbody></table>`;
}

/** The details of one served request: what came in, what went out. */
export function requestDetails(r: LoggedRequest): SafeHtml {
  return html`<dl class="kv panel">
<dt>Request</dt><dd><code>${r.method} ${r.path}${r.query ? `?${r.query}` : ''}</code></dd>
<dt>Status</dt><dd><span class="badge ${r.status >= 400 ? 'breaking' : 'ok'}">${r.status}</span></dd>
<dt>Latency</dt><dd>${r.latency} ms</dd>
<dt>Served by</dt><dd>${r.canary ? html`<span class="badge canary">canary</span>` : 'the active deployment'}</dd>
<dt>Received</dt><dd><time datetime="${r.time}">${r.time}</time></dd>
</dl>
${headerTable('Request headers', r.requestHeaders)}
<h3>Request body</h3><pre class="body" tabindex="0">${r.requestBody || '(empty)'}</pre>
${headerTable('Response headers', r.responseHeaders)}
<h3>Response body</h3><pre class="body" tabindex="0">${r.responseBody || '(empty)'}</pre>
<h3 id="execution-log-h">Execution log</h3>
${
  r.executionLog.length
    ? html`<pre class="body" id="execution-log" tabindex="0" aria-labelledby="execution-log-h">${r.executionLog.join('\n')}</pre>`
    : html`<p class="muted" id="execution-log">No execution log: this method's logging level is OFF (set it to INFO or ERROR in the stage's method settings).</p>`
}`;
}

/** GET /_gitway/stages/{name}/requests/{id} — one request of the live panel (works without script). */
export async function requestPage(rc: RouteContext): Promise<SafeHtml> {
  const [stageName, id] = rc.params;
  const r = /^\d{1,15}$/.test(id) ? rc.ctx.requests?.get(stageName, Number(id)) : undefined;
  if (!r) throw new HttpError(404, 'NotFoundError', `no request ${id} of stage '${stageName}' in the live log (it keeps the last 50 per stage)`);
  return layout(rc, {
    title: `Request ${id} · ${stageName}`,
    section: 'stages',
    body: html`<p><a href="${links.home}">Stages</a> › <a href="${links.stage(stageName)}">${stageName}</a> › request ${id}</p>
<h1>${r.method} ${r.path}</h1>
<p><a href="${links.stage(stageName)}?${new URLSearchParams({ 'test-method': r.method, 'test-path': r.path + (r.query ? `?${r.query}` : '') }).toString()}#test-h">Test this request</a> to run it again with its execution log.</p>
${requestDetails(r)}`,
  });
}
