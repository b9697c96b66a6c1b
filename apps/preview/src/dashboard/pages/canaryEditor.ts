import { PROMOTE_OPERATIONS, type DeploymentInfo, type PatchOperation, type Stage } from '@gitway/core';

import { html, type SafeHtml } from '../html.js';
import { checkField, editorForm, mapEditor, selectField, textField } from './fields.js';
import { shortId } from '@gitway/core/internal';

const opsButton = (id: string, text: string, ops: readonly PatchOperation[]) =>
  html`<button type="button" id="${id}" data-ops="${JSON.stringify(ops)}">${text}</button>`;

/**
 * The canary: create it (deployment, percent of traffic, variable overrides), change
 * it, promote it (API Gateway's three promotion operations) or delete it. Every
 * action goes through the review dialog as patch operations.
 */
export function canaryEditor(stage: Stage, deployments: DeploymentInfo[]): SafeHtml {
  const c = stage.canarySettings;
  const choices: [string, string][] = deployments.map((d) => [d.id, `${shortId(d.id)} ${(d.description ?? '').split('\n')[0]}`]);
  if (c?.deploymentId && !deployments.some((d) => d.id === c.deploymentId)) choices.push([c.deploymentId, shortId(c.deploymentId)]);
  const fields = html`<div class="fields">${selectField({
    id: 'canary-deployment',
    label: 'Canary deployment',
    path: '/canarySettings/deploymentId',
    value: c?.deploymentId,
    options: [...(c ? [] : [['', '(choose a deployment)'] as [string, string]]), ...choices],
  })}
${textField({ id: 'canary-percent', label: 'Percent of requests to the canary (0-100)', path: '/canarySettings/percentTraffic', value: c?.percentTraffic === undefined ? undefined : String(c.percentTraffic), inputmode: 'decimal' })}
${checkField({ id: 'canary-cache', label: 'Use the stage cache for canary requests', path: '/canarySettings/useStageCache', checked: c?.useStageCache ?? false })}</div>
<h3>Stage variable overrides for canary requests</h3>
${mapEditor({ id: 'canary-vars', path: '/canarySettings/stageVariableOverrides', noun: 'override', entries: c?.stageVariableOverrides ?? {} })}`;
  return html`<section aria-labelledby="canary-h">
<h2 id="canary-h">Canary</h2>
<p>${c ? html`A canary sends <strong>${c.percentTraffic ?? 0}%</strong> of requests to deployment <code>${shortId(c.deploymentId ?? '')}</code>. Promote it to make that deployment (and its overrides) the stage's own.` : 'No canary. Create one to send a share of the requests to another deployment.'}</p>
${editorForm({
  id: 'canary-form',
  title: c ? 'Canary' : 'New canary',
  body: fields,
  submit: c ? 'Review changes…' : 'Review new canary…',
  actions: c ? html`${opsButton('canary-promote', 'Promote canary…', PROMOTE_OPERATIONS)}${opsButton('canary-delete', 'Delete canary…', [{ op: 'remove', path: '/canarySettings' }])}` : undefined,
})}
</section>`;
}
