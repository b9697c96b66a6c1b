import type { RepoOptions } from '../models/FsClient.js';
import { _readJsonRef } from './_jsonRef.js';

/** The ref whose commit's `deleted.json` lists the deleted deployments (see docs/DESIGN.md). */
export const DELETED_DEPLOYMENTS_REF = 'refs/gitway/deleted-deployments';

/** Deleted deployment id -> when it was deleted. */
export type DeletedDeployments = Record<string, { deletedDate: string }>;

export async function _readDeleted(opts: RepoOptions): Promise<{ tip: string | null; deleted: DeletedDeployments }> {
  const { tip, value } = await _readJsonRef<DeletedDeployments>(opts, DELETED_DEPLOYMENTS_REF, 'deleted.json');
  return { tip, deleted: value };
}

/** The ref whose commit's `descriptions.json` holds descriptions changed by updateDeployment. */
export const DEPLOYMENT_DESCRIPTIONS_REF = 'refs/gitway/deployment-descriptions';

/** Deployment id -> its description as updateDeployment last set it ("" = none). */
export async function _readDescriptions(opts: RepoOptions): Promise<{ tip: string | null; descriptions: Record<string, string> }> {
  const { tip, value } = await _readJsonRef<Record<string, string>>(opts, DEPLOYMENT_DESCRIPTIONS_REF, 'descriptions.json');
  return { tip, descriptions: value };
}

/** `info` with the description updateDeployment recorded for it, if any. */
export function withDescription<T extends { id: string; description?: string }>(info: T, descriptions: Record<string, string>): T {
  if (!Object.hasOwn(descriptions, info.id)) return info;
  const { description: _old, ...rest } = info;
  const d = descriptions[info.id]!;
  return (d ? { ...rest, description: d } : rest) as T;
}
