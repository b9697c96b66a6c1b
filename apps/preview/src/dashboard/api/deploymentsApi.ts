import { listBranches } from '@gitway/core';
import type { RouteContext } from '../context.js';
import { deploymentLog } from '../data/deploymentLog.js';
import { diffWithText } from '../data/diffWithText.js';
import { HttpError } from '../http.js';

/** GET /_gitway/api/deployments?branch=main -> `{"items": [{id, description, createdDate}]}` (as `log --json`). */
export async function deploymentsApi({ ctx, url }: RouteContext): Promise<unknown> {
  const { items } = await deploymentLog(ctx.repo, url.searchParams.get('branch') || undefined);
  return { items: items.map((d) => ({ id: d.id, description: d.description, createdDate: d.createdDate })) };
}

/** GET /_gitway/api/branches -> `{"items": [{name, id, current}]}`. */
export async function branchesApi({ ctx }: RouteContext): Promise<unknown> {
  return { items: await listBranches(ctx.repo) };
}

/** GET /_gitway/api/diff?from=A&to=B -> core's semantic diff JSON plus `text`, the unified diff of the exported definitions. */
export async function diffApi({ ctx, url }: RouteContext): Promise<unknown> {
  const from = url.searchParams.get('from');
  const to = url.searchParams.get('to');
  if (!from || !to) throw new HttpError(400, 'InvalidParameterError', 'give two revisions: ?from=<rev>&to=<rev> (deployment id, branch, stage, HEAD, rev~N, stage@{N})');
  return diffWithText(ctx.repo, from, to);
}
