import type { RouteContext } from '../context.js';
import { deploymentLog } from '../data/deploymentLog.js';
import { links, timeAgo } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from './layout.js';
import { compareForm } from './diffPage.js';
import { shortId } from '@gitway/core/internal';

/** GET /_gitway/deployments?branch=main — a branch's deployments, newest first, with the stages serving each. */
export async function deploymentsPage(rc: RouteContext): Promise<SafeHtml> {
  const { branch, branches, items, stagesById } = await deploymentLog(rc.ctx.repo, rc.url.searchParams.get('branch') || undefined);
  const now = rc.ctx.now();
  const rows = items.map(
    (d) => html`<tr>
<th scope="row"><code class="id" title="${d.id}">${shortId(d.id)}</code></th>
<td>${(d.description ?? '').split('\n')[0] || html`<span class="muted">(no description)</span>`}</td>
<td>${timeAgo(d.createdDate, now)}</td>
<td>${d.author.name}</td>
<td>${(stagesById.get(d.id) ?? []).map((s) => html`<a class="badge stage" href="${links.stage(s)}">${s}</a> `)}</td>
<td>${d.parents[0] ? html`<a href="${links.diff(d.parents[0], d.id)}" aria-label="Changes in ${shortId(d.id)} from its parent">changes</a>` : html`<span class="muted">first</span>`}</td>
</tr>`,
  );
  return layout(rc, {
    title: `Deployments on ${branch}`,
    section: 'deployments',
    body: html`<h1>Deployments on ${branch}</h1>
<form class="inline" method="get" action="/_gitway/deployments">
<div><label for="branch">Branch</label><select id="branch" name="branch">${branches.map(
      (b) => html`<option value="${b.name}"${b.name === branch ? html` selected` : ''}>${b.name}${b.current ? ' (current)' : ''}</option>`,
    )}</select></div>
<button type="submit">Show</button>
</form>
${
  items.length
    ? html`<table>
<caption class="sr-only">Deployments on branch ${branch}, newest first</caption>
<thead><tr><th scope="col">Deployment</th><th scope="col">Description</th><th scope="col">Created</th><th scope="col">Author</th><th scope="col">Stages</th><th scope="col">Diff</th></tr></thead>
<tbody>${rows}</tbody>
</table>`
    : html`<p class="panel">No deployments on ${branch} yet: <code>gitway deploy -m "first"</code>.</p>`
}
<h2>Compare two deployments</h2>
${compareForm(items[1] ? shortId(items[1].id) : '', items[0] ? shortId(items[0].id) : '')}`,
  });
}
