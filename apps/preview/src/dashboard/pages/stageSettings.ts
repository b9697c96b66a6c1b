import type { Deployment, MethodSetting, Stage, StageState } from '@gitway/core';
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
<dt>Access log</dt><dd>${s.accessLogSettings?.format ? html`<code>${s.accessLogSettings.format}</code>` : 'off'}</dd>
${s.clientCertificateId ? html`<dt>Client certificate</dt><dd>${s.clientCertificateId}</dd>` : ''}
</dl>`;
}

const LABELS: [keyof MethodSetting, string][] = [
  ['throttlingRateLimit', 'rate limit'],
  ['throttlingBurstLimit', 'burst limit'],
  ['cachingEnabled', 'caching'],
  ['cacheTtlInSeconds', 'cache TTL (s)'],
  ['cacheDataEncrypted', 'cache encrypted'],
  ['requireAuthorizationForCacheControl', 'auth for cache control'],
  ['unauthorizedCacheControlHeaderStrategy', 'unauthorized cache control'],
  ['loggingLevel', 'logging'],
  ['dataTraceEnabled', 'data trace'],
  ['metricsEnabled', 'metrics'],
];

/** Method settings per `resource/METHOD` key (`*\/*` = every method). */
export function methodSettingsTable(stage: Stage): SafeHtml {
  const entries = Object.entries(stage.methodSettings ?? {});
  const body = entries.length
    ? html`<table>
<caption class="sr-only">Method settings of stage ${stage.stageName}</caption>
<thead><tr><th scope="col">Methods</th><th scope="col">Settings</th></tr></thead>
<tbody>${entries.map(
        ([key, setting]) =>
          html`<tr><th scope="row"><code>${key === '*/*' ? '*/* (all methods)' : key}</code></th><td>${LABELS.filter(([k]) => setting[k] !== undefined)
            .map(([k, label]) => `${label}: ${String(setting[k])}`)
            .join(' · ') || 'none'}</td></tr>`,
      )}</tbody>
</table>`
    : html`<p class="muted">No method settings: API Gateway's defaults apply.</p>`;
  return html`<section aria-labelledby="ms-h">
<h2 id="ms-h">Method settings</h2>
${body}
<p class="muted">Unset throttling uses the defaults: 10000 requests/s, burst 5000. Change settings with <code>gitway stage update ${stage.stageName} --patch …</code>.</p>
</section>`;
}
