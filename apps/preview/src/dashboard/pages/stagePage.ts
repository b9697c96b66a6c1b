import { getStage } from '@gitway/core';
import type { RouteContext } from '../context.js';
import { deploymentReader } from '../data/deploymentInfo.js';
import { deploymentLog } from '../data/deploymentLog.js';
import { stageTimeline } from '../data/stageTimeline.js';
import { links } from '../format.js';
import { HttpError } from '../http.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from './layout.js';
import { deploymentPicker, variablesEditor } from './stageEditors.js';
import { historyTable } from './stageHistory.js';
import { methodSettingsTable, stageSummary } from './stageSettings.js';

/**
 * GET /_gitway/stages/{name} — the stage's settings, history, "change active
 * deployment", variables editor and method settings. `data-oid` is the state shown:
 * every change the page posts is a compare-and-swap on it.
 */
export async function stagePage(rc: RouteContext): Promise<SafeHtml> {
  const repo = rc.ctx.repo;
  const stageName = rc.params[0];
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(stageName)) throw new HttpError(404, 'NotFoundError', `no stage named '${stageName}'`);
  const state = await getStage({ ...repo, stageName });
  const [timeline, branchLog, deployment] = await Promise.all([
    stageTimeline(repo, stageName),
    deploymentLog(repo, undefined, 30),
    deploymentReader(repo)(state.stage.deploymentId),
  ]);
  const now = rc.ctx.now();
  const url = `${rc.origin}/${encodeURIComponent(stageName)}/`;
  return layout(rc, {
    title: `Stage ${stageName}`,
    section: 'stages',
    data: { stage: stageName, oid: state.oid },
    body: html`<p><a href="${links.home}">Stages</a> › ${stageName}</p>
<h1>Stage ${stageName}</h1>
${stageSummary(state, deployment, url, now)}
${deploymentPicker(state.stage, branchLog.branch, branchLog.items)}
${variablesEditor(state.stage)}
${methodSettingsTable(state.stage)}
${historyTable(state.stage, timeline, now)}`,
  });
}
