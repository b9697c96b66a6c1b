import { getStage, getStages } from '@gitway/core';
import type { RouteContext } from '../context.js';
import { stageTimeline } from '../data/stageTimeline.js';

/** GET /_gitway/api/stages -> `{"item": [Stage, ...]}`, as get-stages (and `gitway stage list --json`). */
export async function listStagesApi({ ctx }: RouteContext): Promise<unknown> {
  return { item: await getStages(ctx.repo) };
}

/** GET /_gitway/api/stages/{name} -> the Stage plus `oid`, the state to pass back as `expectedOid`. */
export async function getStageApi({ ctx, params }: RouteContext): Promise<unknown> {
  const { stage, oid } = await getStage({ ...ctx.repo, stageName: params[0] });
  return { ...stage, oid };
}

/** GET /_gitway/api/stages/{name}/history -> `{"items": [{...Stage, updatedDate, author, id, message}]}` (as `stage history --json`). */
export async function stageHistoryApi({ ctx, params, url }: RouteContext): Promise<unknown> {
  const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 50) || 50, 1), 1000);
  const entries = await stageTimeline(ctx.repo, params[0], limit);
  return {
    items: entries.map(({ state: s, changes }) => ({
      ...s.stage,
      updatedDate: s.updatedDate,
      author: s.author,
      id: s.oid,
      message: s.message,
      changes: changes.map((c) => ({ kind: c.kind, path: c.path.join('.'), before: c.before, after: c.after })),
    })),
  };
}
