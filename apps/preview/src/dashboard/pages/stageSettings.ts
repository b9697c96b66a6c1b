import type { Deployment, StageState } from '@gitway/core';
import { deploymentLabel, timeAgo } from '../format.js';
import { html, type SafeHtml } from '../html.js';

/** The stage at a glance: active deployment, canary, cache, tracing, logging. */
export function stageSummary(state: StageState, deployment: Deployment | null, url: string, now: number): SafeHtml {
  const s = state.stage;
  const c = s.canarySettings;
  return html`<dl class="kv panel">
<dt>Active deployment</dt><dd>${deploymentLabel(s.deploymentId, deployment?.description)}${deployment ? html` <span class="muted">(deployed ${timeAgo(deployment.createdDate, now)})</span>` : ''}</dd>
<dt>URL</dt><dd><a class="mono" href="${url}">${url}</a></dd>
${s.description ? html`<dt>Description</dt><dd>${s.description}</dd>` : ''}
<dt>Last change</dt><dd>${timeAgo(state.updatedDate, now)} by ${state.author.name} — <span class="muted">${state.message}</span></dd>
<dt>Canary</dt><dd>${c?.deploymentId ? html`<span class="badge canary">${c.percentTraffic ?? 0}% of traffic</span> to ${deploymentLabel(c.deploymentId, undefined)}${Object.keys(c.stageVariableOverrides ?? {}).length ? html`, overrides ${Object.entries(c.stageVariableOverrides!).map(([k, v]) => `${k}=${v}`).join(', ')}` : ''}` : 'none'}</dd>
<dt>Cache cluster</dt><dd>${s.cacheClusterEnabled ? `enabled (${s.cacheClusterSize ?? '0.5'} GB)` : 'disabled'}</dd>
<dt>Tracing</dt><dd>${s.tracingEnabled ? 'enabled' : 'disabled'}</dd>
<dt>Access log</dt><dd>${s.accessLogSettings?.format ? html`<code>${s.accessLogSettings.format}</code>` : 'off'}${s.accessLogSettings?.destinationArn ? html` → <code>${s.accessLogSettings.destinationArn}</code>` : ''}</dd>
<dt>Client certificate</dt><dd>${s.clientCertificateId ?? 'none'}</dd>
<dt>Tags</dt><dd>${Object.keys(s.tags ?? {}).length ? Object.entries(s.tags!).map(([k, v]) => `${k}=${v}`).join(', ') : 'none'}</dd>
</dl>`;
}
