import type { DeploymentInfo, Stage } from '@gitway/core';

import { html, type SafeHtml } from '../html.js';
import { shortId } from '@gitway/core/internal';

/** "Change active deployment": a picker over the branch's deployments, and the confirmation dialog every trigger opens. */
export function deploymentPicker(stage: Stage, branch: string, deployments: DeploymentInfo[]): SafeHtml {
  const others = deployments.filter((d) => d.id !== stage.deploymentId);
  const picker = others.length
    ? html`<form id="change-deployment-form" class="inline" novalidate>
<div><label for="deployment-select">Deployment on branch ${branch}</label>
<select id="deployment-select" aria-describedby="picker-error">${others.map(
        (d) => html`<option value="${d.id}">${shortId(d.id)} ${(d.description ?? '').split('\n')[0]} (${d.createdDate.slice(0, 10)})</option>`,
      )}</select>
<p class="field-error" id="picker-error"></p></div>
<button type="submit">Change active deployment…</button>
</form>`
    : html`<p class="muted">No other deployment on branch ${branch}.</p>`;
  return html`<section aria-labelledby="change-h">
<h2 id="change-h">Change active deployment</h2>
<p>Requests to this stage are served by the chosen deployment from the next request on. Earlier deployments of the stage are listed in its history below.</p>
${picker}
<dialog id="confirm-dialog" aria-labelledby="confirm-title" aria-describedby="confirm-desc">
<h2 id="confirm-title">Change the active deployment of ${stage.stageName}?</h2>
<p id="confirm-desc">Stage <strong>${stage.stageName}</strong> will serve deployment <strong id="confirm-target"></strong> instead of <code>${shortId(stage.deploymentId)}</code>. This is recorded as a new stage state and can be undone the same way.</p>
<p class="form-error" id="confirm-error" role="alert"></p>
<div class="actions"><button type="button" id="confirm-cancel" autofocus>Cancel</button><button type="button" id="confirm-ok" class="primary">Change active deployment</button></div>
</dialog>
</section>`;
}
