import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fsck, git, snapshotDir } from '@gitway/test-utils';
import { gitway, json, EXAMPLES, initDemo } from './helpers.js';

const demoDir = () => initDemo('gitway-cli-merge-');

const edit = (file: string, from: string, to: string) => {
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain(from);
  fs.writeFileSync(file, text.replace(from, to));
};

describe('gitway branch / switch / merge', () => {
  it('branch private -> deploy to dev -> switch main -> merge private --deploy --stage prod', async () => {
    const { dir, gitdir, api } = await demoDir();
    await json(dir, 'deploy', '-m', 'v1', '--stage', 'prod');
    expect(await json(dir, 'switch', '-c', 'private')).toMatchObject({ branch: 'private', created: true });
    edit(api, 'operationId: getPet', 'operationId: getPetPrivate');
    expect(await json(dir, 'status')).toMatchObject({ branch: 'private', undeployedChanges: 1 });
    // switching away would lose the edit
    const refused = await gitway(dir, 'switch', 'main');
    expect(refused.code).toBe(128);
    expect(refused.stderr).toMatch(/undeployed change.*\[ConflictError\]/);
    await json(dir, 'deploy', '-m', 'private change', '--stage', 'dev');
    expect((await json(dir, 'branch')).items.map((b: any) => [b.name, b.current])).toEqual([['main', false], ['private', true]]);

    await json(dir, 'switch', 'main');
    expect(fs.readFileSync(api, 'utf8')).toContain('operationId: getPet\n');
    edit(api, 'operationId: listPets', 'operationId: listAllPets');
    await json(dir, 'deploy', '-m', 'main change');
    const status = await json(dir, 'status');
    expect(status.stages.map((s: any) => [s.stageName, s.behind])).toEqual([['dev', null], ['prod', 1]]);
    expect((await gitway(dir, 'status')).stdout).toContain('1 deployment(s) behind main');

    const merged = await json(dir, 'merge', 'private', '--deploy', '--stage', 'prod');
    expect(merged).toMatchObject({ status: 'merged', branch: 'main', stage: 'prod' });
    const text = fs.readFileSync(api, 'utf8');
    expect(text).toContain('operationId: getPetPrivate');
    expect(text).toContain('operationId: listAllPets');
    expect((await json(dir, 'stage', 'show', 'prod')).deploymentId).toBe(merged.id);
    expect((await json(dir, 'diff')).changes).toEqual([]);
    fsck(gitdir);
    const graph = git(gitdir, 'log', '--graph', '--format=%s', 'main');
    expect(graph).toMatch(/^\*\s+Merge branch 'private' into main\n\|\\/);
    expect(git(gitdir, 'rev-list', '--parents', '-n1', 'main').trim().split(' ')).toHaveLength(3);
    expect((await gitway(dir, 'branch', '-d', 'private')).code).toBe(0);
  });

  it('a conflict exits 1 with the list; --abort restores, --continue commits both parents', async () => {
    const { dir, gitdir, api } = await demoDir();
    await json(dir, 'deploy', '-m', 'v1');
    await json(dir, 'switch', '-c', 'private');
    edit(api, 'backend}/{proxy}', 'backend}/theirs/{proxy}');
    await json(dir, 'deploy', '-m', 'theirs');
    await json(dir, 'switch', 'main');
    edit(api, 'backend}/{proxy}', 'backend}/ours/{proxy}');
    edit(api, 'operationId: listPets', 'operationId: listAllPets');
    await json(dir, 'deploy', '-m', 'ours');
    const refs = git(gitdir, 'show-ref');

    const r = await gitway(dir, 'merge', 'private');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('CONFLICT ANY /{proxy+} integration.uri');
    expect(fs.existsSync(path.join(gitdir, 'MERGE_HEAD'))).toBe(true);
    expect(git(gitdir, 'show-ref')).toBe(refs);
    expect((await json(dir, 'status')).merge.conflicts).toHaveLength(1);
    expect((await gitway(dir, 'merge', 'private')).code).toBe(128); // already merging
    expect(await json(dir, 'merge', '--abort')).toMatchObject({ status: 'aborted' });
    expect(fs.existsSync(path.join(gitdir, 'MERGE_HEAD'))).toBe(false);
    expect(fs.readFileSync(api, 'utf8')).toContain('backend}/ours/{proxy}');

    const again = await gitway(dir, 'merge', 'private', '--json');
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).conflicts[0]).toMatchObject({ path: 'ANY /{proxy+}', field: 'integration.uri' });
    edit(api, 'backend}/ours/{proxy}', 'backend}/resolved/{proxy}');
    const done = await json(dir, 'merge', '--continue', '--stage', 'prod');
    expect(done).toMatchObject({ status: 'merged' });
    const tip = await json(dir, 'show', 'main');
    expect(tip.parents).toHaveLength(2);
    expect(JSON.stringify(tip.api)).toContain('/resolved/{proxy}');
    expect(JSON.stringify(tip.api)).toContain('listAllPets');
    fsck(gitdir);
    expect(git(gitdir, 'log', '--graph', '--format=%s', 'main')).toMatch(/Merge branch 'private' into main\n\|\\/);
  });

  it('bad input: exit status, one error line, repository unchanged', async () => {
    const { dir, gitdir } = await demoDir();
    await json(dir, 'deploy', '-m', 'v1');
    await json(dir, 'branch', 'dev');
    const before = snapshotDir(gitdir);
    const cases: [string[], number, RegExp][] = [
      [['merge', 'main'], 128, /into itself.*\[InvalidParameterError\]/],
      [['merge', 'nope'], 128, /unknown revision 'nope'.*\[NotFoundError\]/],
      [['merge', '--continue'], 128, /no merge in progress.*\[NotFoundError\]/],
      [['merge', '--abort'], 128, /no merge in progress.*\[NotFoundError\]/],
      [['merge'], 2, /--continue/],
      [['branch', 'a..b'], 128, /\[InvalidNameError\]/],
      [['branch', 'x.lock'], 128, /\[InvalidNameError\]/],
      [['branch', 'has space'], 128, /\[InvalidNameError\]/],
      [['branch', 'dev'], 128, /\[AlreadyExistsError\]/],
      [['branch', '-d', 'main'], 128, /current branch.*\[ConflictError\]/],
      [['switch', 'nope'], 128, /\[NotFoundError\]/],
      [['diff', 'nope'], 128, /\[NotFoundError\]/],
    ];
    for (const [args, code, stderr] of cases) {
      const r = await gitway(dir, ...args);
      expect({ args, code: r.code }).toEqual({ args, code });
      expect(r.stderr).toMatch(stderr);
      expect(r.stderr.trim().split('\n')[0]).toMatch(/^(error|usage): /);
    }
    expect(snapshotDir(gitdir)).toEqual(before);
  });
});
