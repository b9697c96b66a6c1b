import type { WriteOptions } from '../models/options.js';
import type { Stage } from '../models/types.js';
import { _readStage } from '../commands/_stage.js';
import { assertStageName } from '../models/names.js';
import { createStage } from '../api/createStage.js';
import { updateStage } from '../api/stages.js';

/**
 * Points stage `stageName` at deployment `id`: an existing stage keeps its settings and
 * moves (one stage commit), a missing one is created, as `merge --stage` and `deploy --stage` do.
 *
 * @example
 * const { stage, created } = await pointStage({ fs, gitdir, stageName: 'prod', id: merged.id });
 */
export async function pointStage(opts: WriteOptions & { stageName: string; id: string }): Promise<{ stage: Stage; created: boolean }> {
  assertStageName(opts.stageName);
  if (await _readStage(opts, opts.stageName)) {
    return { stage: (await updateStage({ ...opts, stageName: opts.stageName, patchOperations: [{ op: 'replace', path: '/deploymentId', value: opts.id }] })).stage, created: false };
  }
  return { stage: (await createStage({ ...opts, stageName: opts.stageName, deployment: opts.id })).stage, created: true };
}
