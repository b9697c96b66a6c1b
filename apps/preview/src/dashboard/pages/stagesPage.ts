import type { Stage } from '@gitway/core';
import type { RouteContext } from '../context.js';
import { stageSummaries, type StageSummary } from '../data/stageSummaries.js';
import { deploymentLabel, links, timeAgo } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from './layout.js';

/** Stage variables as a compact definition list. */
export function variablesList(variables: Stage['variables']): SafeHtml {
  const entries = Object.entries(variables ?? {});
  if (entries.length === 0) return html`<span class="muted">none</span>`;
  return html`<dl class="vars">${entries.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>`;
}

function canaryCell({ stage, canary }: StageSummary): SafeHtml {
  const c = stage.canarySettings;
  if (!c?.deploymentId) return html`<span class="muted">none</span>`;
  return html`<span class="badge canary">${c.percentTraffic ?? 0}%</span> ${deploymentLabel(c.deploymentId, canary?.description)}`;
}

function row(rc: RouteContext, s: StageSummary): SafeHtml {
  const url = `${rc.origin}/${encodeURIComponent(s.stage.stageName)}/`;
  const now = rc.ctx.now();
  return html`<tr>
<th scope="row"><a href="${links.stage(s.stage.stageName)}">${s.stage.stageName}</a></th>
<td>${deploymentLabel(s.stage.deploymentId, s.deployment?.description)}${s.deployment ? html`<br><span class="muted">deployed ${timeAgo(s.deployment.createdDate, now)}</span>` : ''}</td>
<td>${timeAgo(s.stage.lastUpdatedDate, now)}</td>
<td>${canaryCell(s)}</td>
<td>${variablesList(s.stage.variables)}</td>
<td><a href="${url}" class="mono">${url}</a></td>
</tr>`;
}

/** GET /_gitway/ — every stage with its active deployment, canary, variables and URL. */
export async function stagesPage(rc: RouteContext): Promise<SafeHtml> {
  const stages = await stageSummaries(rc.ctx.repo);
  const body = stages.length
    ? html`<table>
<caption class="sr-only">Stages</caption>
<thead><tr><th scope="col">Stage</th><th scope="col">Active deployment</th><th scope="col">Updated</th><th scope="col">Canary</th><th scope="col">Variables</th><th scope="col">URL to call</th></tr></thead>
<tbody>${stages.map((s) => row(rc, s))}</tbody>
</table>`
    : html`<p class="panel">No stages yet. Create one with <code>gitway stage create NAME --deployment REV</code>; it is served as soon as it exists.</p>`;
  return layout(rc, {
    title: 'Stages',
    section: 'stages',
    body: html`<h1>Stages</h1><p class="lead">${stages.length} stage${stages.length === 1 ? '' : 's'}, each served at <code>${rc.origin}/&lt;stage&gt;/&lt;path&gt;</code>.</p>${body}`,
  });
}
