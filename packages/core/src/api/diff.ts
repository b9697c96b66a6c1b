import type { RepoOptions } from '../models/FsClient.js';
import type { DiffResult } from '../diff/types.js';
import { _assertRepo } from '../commands/_repo.js';
import { _diff, type DiffSide } from '../diff/_diff.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';
import { assertApi } from './validateApiModel.js';

export interface DiffOptions extends RepoOptions {
  /** A revision (id prefix, branch, stage, HEAD, rev~N, stage@{N}) or an in-memory Api. */
  from: DiffSide;
  to: DiffSide;
}

/**
 * Semantic diff of two API snapshots: operations added/removed, and per operation,
 * model, authorizer, validator, gateway response and the API itself the changed
 * fields, each classified breaking or not with a reason. Both trees are walked in step
 * and equal subtrees skipped: the cost is proportional to the change (`stats` counts
 * the objects read).
 *
 * @example
 * const d = await diff({ fs, gitdir, from: 'prod', to: 'main' });
 * for (const c of d.changes) console.log(c.path, c.field ?? '', c.kind, c.breaking ? 'BREAKING' : '');
 * // against the working definition: await diff({ fs, gitdir, from: 'HEAD', to: api })
 * // or, answered from the index while the file is unchanged:
 * // await diff({ fs, gitdir, from: 'HEAD', to: { definition: '/work/pets/api.yaml' } })
 */
export async function diff(opts: DiffOptions): Promise<DiffResult> {
  await _assertRepo(opts);
  for (const [name, side] of [['from', opts.from], ['to', opts.to]] as const) {
    if (typeof side === 'string') continue;
    if (side === null || typeof side !== 'object') throw new InvalidParameterError(`diff: '${name}' must be a revision, an Api or { definition: file }`, { path: name, value: side });
    if ('definition' in side) {
      if (typeof side.definition !== 'string') throw new InvalidParameterError(`diff: '${name}.definition' must be a file path`, { path: name, value: side.definition });
      continue;
    }
    await assertApi(side);
  }
  return _diff(opts);
}
