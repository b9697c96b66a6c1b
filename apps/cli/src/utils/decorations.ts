import { getStages } from '@gitway/core';
import { listRefNames } from '@gitway/core/internal';
import type { Context } from '../context.js';

/** deployment id -> names pointing at it ("main", "stage:prod"), for log decorations. */
export async function decorations(ctx: Context): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const add = (oid: string, name: string) => out.set(oid, [...(out.get(oid) ?? []), name]);
  for (const [ref, oid] of await listRefNames({ ...ctx, prefix: 'refs/heads/' })) add(oid, ref.slice('refs/heads/'.length));
  for (const stage of await getStages(ctx)) {
    add(stage.deploymentId, `stage:${stage.stageName}`);
    if (stage.canarySettings?.deploymentId) add(stage.canarySettings.deploymentId, `canary:${stage.stageName}`);
  }
  return out;
}
