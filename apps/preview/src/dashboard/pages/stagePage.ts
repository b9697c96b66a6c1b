import { getStage, listClientCertificates, readDeployment } from '@gitway/core';
import type { RouteContext } from '../context.js';
import { deploymentReader } from '../data/deploymentInfo.js';
import { deploymentLog } from '../data/deploymentLog.js';
import { stageTimeline } from '../data/stageTimeline.js';
import { links } from '../format.js';
import { HttpError } from '../http.js';
import { html, type SafeHtml } from '../html.js';
import { canaryEditor } from './canaryEditor.js';
import { layout } from './layout.js';
import { livePanel, reviewDialog } from './livePanel.js';
import { methodSettingsEditor } from './methodSettingsEditor.js';
import { cacheEditor, generalEditor, logsEditor, tagsEditor, variablesEditor } from './settingsEditors.js';
import { deploymentPicker } from './stageEditors.js';
import { historyTable } from './stageHistory.js';
import { testPanel } from './testPanel.js';
import { stageSummary } from './stageSettings.js';
import { stageNameProblem } from '@gitway/core/internal';

const SECTIONS: [string, string][] = [
  ['change-h', 'Active deployment'],
  ['general-h', 'Settings'],
  ['cache-h', 'Cache'],
  ['logs-h', 'Logs and tracing'],
  ['ms-h', 'Method settings'],
  ['canary-h', 'Canary'],
  ['vars-h', 'Variables'],
  ['tags-h', 'Tags'],
  ['test-h', 'Test'],
  ['live-h', 'Live requests'],
  ['history-h', 'History'],
];

/**
 * GET /_gitway/stages/{name} — the Stage Editor: summary, change active deployment,
 * every stage setting (each form reviewed, then saved as one stage commit), canary,
 * variables, tags, live requests and history. `data-oid` is the state shown: every
 * change the page posts is a compare-and-swap on it.
 */
export async function stagePage(rc: RouteContext): Promise<SafeHtml> {
  const repo = rc.ctx.repo;
  const stageName = rc.params[0];
  if (stageNameProblem(stageName)) throw new HttpError(404, 'NotFoundError', `no stage named '${stageName}'`);
  const state = await getStage({ ...repo, stageName });
  const [timeline, branchLog, deployment, active, certificates] = await Promise.all([
    stageTimeline(repo, stageName),
    deploymentLog(repo, undefined, 30),
    deploymentReader(repo)(state.stage.deploymentId),
    readDeployment({ ...repo, rev: state.stage.deploymentId }).then((d) => d.api, () => null),
    listClientCertificates(repo).then((r) => r.items),
  ]);
  const now = rc.ctx.now();
  const url = `${rc.origin}/${encodeURIComponent(stageName)}/`;
  const s = state.stage;
  const requests = rc.ctx.requests?.list(stageName);
  const testing = rc.ctx.gatewayFor !== undefined;
  const prefill = { method: rc.url.searchParams.get('test-method') ?? undefined, path: rc.url.searchParams.get('test-path') ?? undefined };
  return layout(rc, {
    title: `Stage ${stageName}`,
    section: 'stages',
    data: { stage: stageName, oid: state.oid },
    body: html`<p><a href="${links.home}">Stages</a> › ${stageName}</p>
<h1>Stage ${stageName}</h1>
${stageSummary(state, deployment, url, now)}
<noscript><p class="panel">Reading works without JavaScript; changing settings needs it (each change is reviewed, then saved as one stage commit).</p></noscript>
<nav aria-label="Sections of this stage" class="toc"><ul>${SECTIONS.filter(([id]) => (id !== 'live-h' || requests) && (id !== 'test-h' || testing)).map(([id, text]) => html`<li><a href="#${id}">${text}</a></li>`)}</ul></nav>
${deploymentPicker(s, branchLog.branch, branchLog.items)}
${generalEditor(s, certificates)}
${cacheEditor(s)}
${logsEditor(s)}
${methodSettingsEditor(s, active)}
${canaryEditor(s, branchLog.items)}
${variablesEditor(s)}
${tagsEditor(s)}
${testing ? testPanel(s, active, prefill) : ''}
${livePanel(stageName, requests)}
${historyTable(s, timeline, now)}
${reviewDialog(stageName)}`,
  });
}
