import { describe, expect, it } from 'vitest';
import type { Api } from '@gitway/core';
import { deploy, merge, createBranch, switchBranch, readDeployment, log, Errors } from '@gitway/core';
import { tempRepo, sampleApi, generatedApi, fsck, git, snapshotDir, mockMethod } from '@gitway/test-utils';

type Repo = Awaited<ReturnType<typeof tempRepo>>;
type Edit = (api: Api) => void;

const setUri = (path: string, uri: string): Edit => (api) => {
  api.resources[path]!.resourceMethods.ANY!.methodIntegration!.uri = uri;
};
const setName = (path: string, method: 'GET' | 'ANY', name: string): Edit => (api) => {
  api.resources[path]!.resourceMethods[method]!.operationName = name;
};
const addOp = (path: string, body: unknown): Edit => (api) => {
  api.resources[path] = { path, resourceMethods: { POST: mockMethod('POST', body) } };
};
const removeOp = (path: string): Edit => (api) => {
  delete api.resources[path];
};

/** main: v1; private branches off and applies `theirs`; main applies `ours`. */
async function diverge(repo: Repo, ours: Edit[], theirs: Edit[]): Promise<{ base: string; api: (edits: Edit[]) => Api }> {
  const apply = (edits: Edit[], from = sampleApi('v1')) => {
    const a = structuredClone(from);
    for (const e of edits) e(a);
    return a;
  };
  const base = await deploy({ ...repo, api: sampleApi('v1'), description: 'base' });
  await createBranch({ ...repo, name: 'private' });
  if (theirs.length) await deploy({ ...repo, api: apply(theirs), branch: 'private', description: 'theirs' });
  if (ours.length) await deploy({ ...repo, api: apply(ours), description: 'ours' });
  return { base: base.id, api: apply };
}

// [name, ours edits, theirs edits, expected: 'merged' | conflicts [path, field][], expected merged edits]
const cases: [string, Edit[], Edit[], [string, string | undefined][] | null, Edit[]][] = [
  ['disjoint operations', [setName('/pets', 'GET', 'listPets')], [setUri('/{proxy+}', 'http://b')], null, [setName('/pets', 'GET', 'listPets'), setUri('/{proxy+}', 'http://b')]],
  ['same operation, different fields', [setName('/{proxy+}', 'ANY', 'proxy')], [setUri('/{proxy+}', 'http://b')], null, [setName('/{proxy+}', 'ANY', 'proxy'), setUri('/{proxy+}', 'http://b')]],
  ['same field changed two ways', [setUri('/{proxy+}', 'http://a')], [setUri('/{proxy+}', 'http://b')], [['ANY /{proxy+}', 'integration.uri']], []],
  ['delete vs modify', [removeOp('/{proxy+}')], [setUri('/{proxy+}', 'http://b')], [['ANY /{proxy+}', undefined]], []],
  ['same op added identically', [addOp('/orders', { o: 1 }), setName('/pets', 'GET', 'x')], [addOp('/orders', { o: 1 })], null, [addOp('/orders', { o: 1 }), setName('/pets', 'GET', 'x')]],
  ['same op added differently', [addOp('/orders', { o: 1 })], [addOp('/orders', { o: 2 })], [['POST /orders', 'integration.integrationResponses.default.responseTemplates["application/json"]']], []],
  ['both remove the same op', [removeOp('/pets/{petId}'), setName('/pets', 'GET', 'x')], [removeOp('/pets/{petId}')], null, [removeOp('/pets/{petId}'), setName('/pets', 'GET', 'x')]],
];

describe('merge', () => {
  it.each(cases)('%s', async (_name, ours, theirs, conflicts, mergedEdits) => {
    const repo = await tempRepo();
    const { api } = await diverge(repo, ours, theirs);
    if (conflicts) {
      const before = snapshotDir(repo.gitdir);
      const err = await merge({ ...repo, theirs: 'private' }).catch((e) => e);
      expect(err.code).toBe('MergeConflictError');
      expect(err.data.conflicts.map((c: { path: string; field?: string }) => [c.path, c.field])).toEqual(conflicts);
      expect(snapshotDir(repo.gitdir)).toEqual(before);
      return;
    }
    const r = await merge({ ...repo, theirs: 'private' });
    expect(r.status).toBe('merged');
    const tip = await readDeployment({ ...repo, rev: 'main' });
    expect(tip.parents).toHaveLength(2);
    expect(tip.api).toEqual(api(mergedEdits));
    // the merged tree is canonical: deploying the expected API reuses the merge commit
    expect((await deploy({ ...repo, api: api(mergedEdits) })).created).toBe(false);
    fsck(repo.gitdir);
    expect(git(repo.gitdir, 'log', '--graph', '--format=%s', 'main')).toMatch(/\*\s+Merge branch 'private' into main\n\|\\/);
  });

  it('fast-forwards, and is up to date afterwards', async () => {
    const repo = await tempRepo();
    await diverge(repo, [], [setUri('/{proxy+}', 'http://b')]);
    const privateTip = (await readDeployment({ ...repo, rev: 'private' })).id;
    const r = await merge({ ...repo, theirs: 'private' });
    expect(r).toMatchObject({ status: 'fast-forward', id: privateTip, objectsWritten: 0 });
    expect((await merge({ ...repo, theirs: 'private' })).status).toBe('up-to-date');
    const noFf = await tempRepo();
    await diverge(noFf, [], [setUri('/{proxy+}', 'http://b')]);
    expect((await merge({ ...noFf, theirs: 'private', fastForward: 'never' })).status).toBe('merged');
    fsck(noFf.gitdir);
  });

  it('merges 10+10 changed methods of a 10,000-method API cheaply', async () => {
    const repo = await tempRepo();
    const api = generatedApi(10_000);
    await deploy({ ...repo, api });
    await createBranch({ ...repo, name: 'private' });
    const theirs = structuredClone(api);
    const ours = structuredClone(api);
    for (let i = 0; i < 10; i++) {
      theirs.resources[`/r${i * 7}/s1`]!.resourceMethods.GET!.operationName = `t${i}`;
      ours.resources[`/r${i * 7}/s2`]!.resourceMethods.GET!.operationName = `o${i}`;
    }
    await deploy({ ...repo, api: theirs, branch: 'private' });
    await deploy({ ...repo, api: ours });
    const t0 = performance.now();
    const r = await merge({ ...repo, cache: {}, theirs: 'private' });
    const ms = performance.now() - t0;
    expect(r.status).toBe('merged');
    const expected = structuredClone(ours);
    for (let i = 0; i < 10; i++) expected.resources[`/r${i * 7}/s1`]!.resourceMethods.GET!.operationName = `t${i}`;
    expect((await deploy({ ...repo, api: expected })).created).toBe(false);
    console.log(`merge 10+10 changes of 10,000 methods: ${ms.toFixed(1)} ms, ${r.objectsWritten} objects written`);
    expect(r.objectsWritten).toBeLessThan(60);
    fsck(repo.gitdir);
  }, 120_000);

  it('picks the merge base of a criss-cross history deterministically (recursive)', async () => {
    const repo = await tempRepo();
    const v = (edits: Edit[]) => {
      const a = sampleApi('v1');
      for (const e of edits) e(a);
      return a;
    };
    await deploy({ ...repo, api: v([]), description: 'root' });
    await createBranch({ ...repo, name: 'b' });
    await deploy({ ...repo, api: v([setName('/pets', 'GET', 'a1')]), description: 'a1' });
    await deploy({ ...repo, api: v([setUri('/{proxy+}', 'http://b1')]), branch: 'b', description: 'b1' });
    const a1 = (await log({ ...repo, rev: 'main' }))[0]!.id;
    const b1 = (await log({ ...repo, rev: 'b' }))[0]!.id;
    // criss-cross: each side merges the other's first commit
    await createBranch({ ...repo, name: 'a1', start: a1 });
    await createBranch({ ...repo, name: 'b1', start: b1 });
    await merge({ ...repo, theirs: 'b1', ours: 'main' });
    await merge({ ...repo, theirs: 'a1', ours: 'b' });
    // both sides now change different fields again
    const both = [setName('/pets', 'GET', 'a1'), setUri('/{proxy+}', 'http://b1')];
    await deploy({ ...repo, api: v([...both, setName('/pets/{petId}', 'GET', 'a2')]), description: 'a2' });
    await deploy({ ...repo, api: v([...both, setName('/{proxy+}', 'ANY', 'b2')]), branch: 'b', description: 'b2' });
    const r = await merge({ ...repo, theirs: 'b' });
    expect(r.status).toBe('merged');
    expect([...r.bases].sort()).toEqual([a1, b1].sort());
    expect((await readDeployment({ ...repo, rev: 'main' })).api).toEqual(v([...both, setName('/pets/{petId}', 'GET', 'a2'), setName('/{proxy+}', 'ANY', 'b2')]));
    fsck(repo.gitdir);
  });

  it('rejects bad input without changing the repository', async () => {
    const repo = await tempRepo();
    await diverge(repo, [setName('/pets', 'GET', 'x')], [setUri('/{proxy+}', 'http://b')]);
    const before = snapshotDir(repo.gitdir);
    const cases: [() => Promise<unknown>, string][] = [
      [() => merge({ ...repo, theirs: 'main' }), 'InvalidParameterError'],
      [() => merge({ ...repo, theirs: 'private', ours: 'private' }), 'InvalidParameterError'],
      [() => merge({ ...repo, theirs: 'nope' }), 'NotFoundError'],
      [() => merge({ ...repo, theirs: '' }), 'InvalidParameterError'],
      [() => merge({ ...repo, theirs: 'private', ours: 'a..b' }), 'InvalidNameError'],
      [() => merge({ ...repo, theirs: 'private', fastForward: 'maybe' as never }), 'InvalidParameterError'],
      [() => switchBranch({ ...repo, name: 'nope' }), 'NotFoundError'],
    ];
    for (const [run, code] of cases) await expect(run()).rejects.toMatchObject({ code });
    expect(snapshotDir(repo.gitdir)).toEqual(before);
    expect(Errors.MergeConflictError.code).toBe('MergeConflictError');
  });
});
