import type { WriteOptions } from '../models/options.js';
import type { RepoOptions } from '../models/FsClient.js';
import { _changeStage, _readStage, stageNotFound } from '../commands/_stage.js';
import { _assertRepo } from '../commands/_repo.js';
import { assertStageName } from '../models/names.js';
import { assertTags } from '../models/stageRules.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';

/**
 * GetTags of a stage: `{ tags }` ({} when it has none).
 *
 * @example
 * const { tags } = await getStageTags({ fs, gitdir, stageName: 'prod' });
 */
export async function getStageTags(opts: RepoOptions & { stageName: string }): Promise<{ tags: Record<string, string> }> {
  await _assertRepo(opts);
  const state = await _readStage(opts, opts.stageName);
  if (!state) throw stageNotFound(opts.stageName);
  return { tags: { ...state.stage.tags } };
}

async function changeTags(opts: WriteOptions & { stageName: string }, change: (tags: Record<string, string>) => Record<string, string>, message: string) {
  await _assertRepo(opts);
  assertStageName(opts.stageName);
  const state = await _changeStage(opts, opts.stageName, (current) => {
    if (!current) throw stageNotFound(opts.stageName);
    const before = current.stage.tags ?? {};
    const tags = change({ ...before });
    if (JSON.stringify(tags) === JSON.stringify(before)) return null;
    const { tags: _old, ...rest } = current.stage;
    return { stage: Object.keys(tags).length ? { ...rest, tags } : rest, message };
  });
  return { tags: { ...state.stage.tags } };
}

/**
 * TagResource on a stage: sets `tags` over the stage's tags (one stage commit; none when
 * nothing changes). Keys 1-128 characters not starting with "aws:", values up to 256, at
 * most 50 tags.
 *
 * @example
 * await tagStage({ fs, gitdir, stageName: 'prod', tags: { team: 'payments', cost: 'api' } });
 */
export async function tagStage(opts: WriteOptions & { stageName: string; tags: Record<string, string> }): Promise<{ tags: Record<string, string> }> {
  if (!opts.tags || typeof opts.tags !== 'object' || Object.keys(opts.tags).length === 0) {
    throw new InvalidParameterError('give at least one tag (key=value)', { path: '/tags', value: opts.tags });
  }
  assertTags(opts.tags);
  return changeTags(opts, (tags) => ({ ...tags, ...opts.tags }), `tag stage ${opts.stageName}: ${Object.keys(opts.tags).sort().join(', ')}`);
}

/**
 * UntagResource on a stage: removes `tagKeys` (absent keys are ignored, as AWS does).
 *
 * @example
 * await untagStage({ fs, gitdir, stageName: 'prod', tagKeys: ['cost'] });
 */
export async function untagStage(opts: WriteOptions & { stageName: string; tagKeys: string[] }): Promise<{ tags: Record<string, string> }> {
  if (!Array.isArray(opts.tagKeys) || opts.tagKeys.length === 0) throw new InvalidParameterError('give at least one tag key', { path: '/tags', value: opts.tagKeys });
  return changeTags(
    opts,
    (tags) => {
      for (const k of opts.tagKeys) delete tags[k];
      return tags;
    },
    `untag stage ${opts.stageName}: ${[...opts.tagKeys].sort().join(', ')}`,
  );
}
