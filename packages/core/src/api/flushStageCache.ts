import type { WriteOptions } from '../models/options.js';
import type { StageState } from '../commands/_stage.js';
import { _changeStage, _readStage, stageNotFound } from '../commands/_stage.js';
import { _assertRepo } from '../commands/_repo.js';
import { assertStageName } from '../models/names.js';

/**
 * FlushStageCache (or, with `authorizers`, FlushStageAuthorizersCache): records the flush
 * as a stage commit with the unchanged Stage record (same tree, same lastUpdatedDate).
 * A server serving the stage (`gitway preview`) rebuilds it whenever the stage ref moves,
 * so its response cache (and any authorizer results) start empty; the stage's history
 * shows who flushed when.
 *
 * @example
 * await flushStageCache({ fs, gitdir, stageName: 'prod' });
 * await flushStageCache({ fs, gitdir, stageName: 'prod', authorizers: true });
 */
export async function flushStageCache(opts: WriteOptions & { stageName: string; authorizers?: boolean }): Promise<StageState> {
  await _assertRepo(opts);
  assertStageName(opts.stageName);
  if (!(await _readStage(opts, opts.stageName))) throw stageNotFound(opts.stageName);
  return _changeStage(opts, opts.stageName, (current) => {
    if (!current) throw stageNotFound(opts.stageName);
    return { stage: current.stage, keepLastUpdated: true, message: `flush ${opts.authorizers ? 'authorizers cache' : 'cache'} ${opts.stageName}` };
  });
}
