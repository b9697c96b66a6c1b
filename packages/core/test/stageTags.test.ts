import { describe, expect, it } from 'vitest';
import { deploy, getStage, getStageHistory, changeStageTags } from '@gitway/core';
import { fsck, git, sampleApi, snapshotDir, tempRepo } from '@gitway/test-utils';

describe('changeStageTags (TagResource / UntagResource on a stage)', () => {
  it('sets and removes tags as one stage commit each, visible to native git', async () => {
    const repo = await tempRepo();
    await deploy({ ...repo, api: sampleApi('v1'), description: 'v1', stageName: 'prod' });
    const first = await changeStageTags({ ...repo, stageName: 'prod', tags: { team: 'pets', 'cost center': 'a/b+c@d' } });
    expect(first.stage.tags).toEqual({ team: 'pets', 'cost center': 'a/b+c@d' });
    expect(first.message).toBe('tag stage prod: team=pets, cost center=a/b+c@d');
    const second = await changeStageTags({ ...repo, stageName: 'prod', tags: { env: 'prod' }, untagKeys: ['team'], expectedOid: first.oid });
    expect((await getStage({ ...repo, stageName: 'prod' })).stage.tags).toEqual({ 'cost center': 'a/b+c@d', env: 'prod' });
    expect(second.previous).toBe(first.oid);
    // removing every tag drops the field
    const third = await changeStageTags({ ...repo, stageName: 'prod', untagKeys: ['cost center', 'env'] });
    expect(third.stage.tags).toBeUndefined();
    expect(await getStageHistory({ ...repo, stageName: 'prod' })).toHaveLength(4);
    expect(git(repo.gitdir, 'log', '--first-parent', '--format=%s', 'refs/stages/prod').trim().split('\n')[1]).toBe('tag stage prod: env=prod, -team');
    expect(fsck(repo.gitdir)).toBe('');
  });

  it.each([
    [{ 'aws:owner': 'x' }, 'the prefix aws: is reserved'],
    [{ '': 'x' }, "invalid tag key ''"],
    [{ bad: '<script>' }, "invalid value for tag 'bad'"],
    [{ ['k'.repeat(129)]: 'x' }, 'invalid tag key'],
    [Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, 'v'])), 'at most 50 tags'],
  ])('refuses %j with InvalidParameterError, repository unchanged', async (tags, message) => {
    const repo = await tempRepo();
    await deploy({ ...repo, api: sampleApi('v1'), description: 'v1', stageName: 'prod' });
    const before = snapshotDir(repo.gitdir);
    const err = await changeStageTags({ ...repo, stageName: 'prod', tags }).catch((e) => e);
    expect(err.code).toBe('InvalidParameterError');
    expect(err.message).toContain(message);
    expect(snapshotDir(repo.gitdir)).toEqual(before);
  });

  it('a stale expectedOid is StageMovedError; an unknown stage NotFoundError', async () => {
    const repo = await tempRepo();
    await deploy({ ...repo, api: sampleApi('v1'), description: 'v1', stageName: 'prod' });
    const err = await changeStageTags({ ...repo, stageName: 'prod', tags: { a: 'b' }, expectedOid: '0'.repeat(40) }).catch((e) => e);
    expect(err.code).toBe('StageMovedError');
    expect((await changeStageTags({ ...repo, stageName: 'nope', tags: { a: 'b' } }).catch((e) => e)).code).toBe('NotFoundError');
  });
});
