import type { WriteOptions } from '../models/options.js';
import type { RepoOptions } from '../models/FsClient.js';
import type { Stage } from '../models/types.js';
import { _changeStage, _readStage, stageNotFound, type StageState } from '../commands/_stage.js';
import { _assertRepo } from '../commands/_repo.js';
import { assertStageName } from '../models/names.js';
import { assertTags } from '../models/stageRules.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';
import { deepEqual } from '../utils/deepEqual.js';

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

/**
 * TagResource and UntagResource on a stage as one stage commit: `tags` are set over the
 * existing ones, then `untagKeys` are removed. Tags follow API Gateway's rules (at most
 * 50; keys 1-128 and values 0-256 characters of letters, digits, spaces and
 * `_ . : / = + - @`; no `aws:` prefix). With `expectedOid` the change is a
 * compare-and-swap on that state (StageMovedError if the stage moved). No change: no
 * commit. Returns the StageState, as every stage change does.
 *
 * @example
 * await changeStageTags({ fs, gitdir, stageName: 'prod', tags: { team: 'pets' }, untagKeys: ['old'] });
 */
export async function changeStageTags(
  opts: WriteOptions & { stageName: string; tags?: Record<string, string>; untagKeys?: string[]; expectedOid?: string; message?: string },
): Promise<StageState> {
  await _assertRepo(opts);
  assertStageName(opts.stageName);
  const tags = opts.tags ?? {};
  const untag = opts.untagKeys ?? [];
  if (tags === null || typeof tags !== 'object' || Array.isArray(tags) || !Array.isArray(untag) || untag.some((k) => typeof k !== 'string')) {
    throw new InvalidParameterError('tags must be an object of strings and untagKeys a list of strings', { path: '/tags', value: null });
  }
  if (Object.keys(tags).length === 0 && untag.length === 0) {
    throw new InvalidParameterError('nothing to change: give tags to set or keys to remove', { path: '/tags', value: null });
  }
  assertTags(tags);
  if (!(await _readStage(opts, opts.stageName))) throw stageNotFound(opts.stageName);
  return _changeStage(opts, opts.stageName, (current) => {
    if (!current) throw stageNotFound(opts.stageName);
    const next: Record<string, string> = { ...current.stage.tags, ...tags };
    for (const k of untag) delete next[k];
    if (deepEqual(next, current.stage.tags ?? {})) return null;
    const stage: Stage = { ...current.stage, tags: next };
    if (Object.keys(next).length === 0) delete stage.tags;
    const words = [...Object.keys(tags).map((k) => `${k}=${tags[k]}`), ...untag.map((k) => `-${k}`)].join(', ');
    return { stage, message: opts.message ?? `tag stage ${opts.stageName}: ${words}`.slice(0, 200) };
  });
}

/**
 * TagResource on a stage: sets `tags` over the stage's tags (one stage commit; none when
 * nothing changes). Answers `{ tags }` as TagResource/GetTags do.
 *
 * @example
 * await tagStage({ fs, gitdir, stageName: 'prod', tags: { team: 'payments', cost: 'api' } });
 */
export async function tagStage(opts: WriteOptions & { stageName: string; tags: Record<string, string> }): Promise<{ tags: Record<string, string> }> {
  if (!opts.tags || typeof opts.tags !== 'object' || Object.keys(opts.tags).length === 0) {
    throw new InvalidParameterError('give at least one tag (key=value)', { path: '/tags', value: opts.tags });
  }
  const state = await changeStageTags({ ...opts, untagKeys: undefined, message: `tag stage ${opts.stageName}: ${Object.keys(opts.tags).sort().join(', ')}` });
  return { tags: { ...state.stage.tags } };
}

/**
 * UntagResource on a stage: removes `tagKeys` (absent keys are ignored, as AWS does).
 *
 * @example
 * await untagStage({ fs, gitdir, stageName: 'prod', tagKeys: ['cost'] });
 */
export async function untagStage(opts: WriteOptions & { stageName: string; tagKeys: string[] }): Promise<{ tags: Record<string, string> }> {
  if (!Array.isArray(opts.tagKeys) || opts.tagKeys.length === 0) throw new InvalidParameterError('give at least one tag key', { path: '/tags', value: opts.tagKeys });
  const state = await changeStageTags({ ...opts, tags: undefined, untagKeys: opts.tagKeys, message: `untag stage ${opts.stageName}: ${[...opts.tagKeys].sort().join(', ')}` });
  return { tags: { ...state.stage.tags } };
}
