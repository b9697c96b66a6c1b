import { describe, expect, it } from 'vitest';
import { deploy, getStage, getStageHistory, updateCanary, promoteCanary, deleteCanary, updateStage, createStage, Errors } from '@gitway/core';
import { tempRepo, sampleApi, fsck, git, snapshotDir } from '@gitway/test-utils';

async function prodWithV1() {
  const repo = await tempRepo();
  const v1 = await deploy({ ...repo, api: sampleApi('v1'), description: 'v1', stageName: 'prod', variables: { backend: 'http://base', keep: 'k' } });
  return { repo, v1 };
}

describe('canary releases (API Gateway lifecycle)', () => {
  it('create-deployment with canary -> update -> promote -> delete, one stage commit per step', async () => {
    const { repo, v1 } = await prodWithV1();
    const git_ = (...a: string[]) => git(repo.gitdir, ...a);

    // create-deployment --stage-name prod --canary-settings percentTraffic=10,stageVariableOverrides={backend=http://canary}
    const v2 = await deploy({ ...repo, api: sampleApi('v2'), description: 'v2', stageName: 'prod', canary: { percentTraffic: 10, stageVariableOverrides: { backend: 'http://canary' } } });
    let s = (await getStage({ ...repo, stageName: 'prod' })).stage;
    expect(s.deploymentId).toBe(v1.id); // the active deployment stays
    expect(s.variables).toEqual({ backend: 'http://base', keep: 'k' });
    expect(s.canarySettings).toEqual({ deploymentId: v2.id, percentTraffic: 10, stageVariableOverrides: { backend: 'http://canary' }, useStageCache: false });
    // the canary deployment is a parent of the stage commit
    expect(git_('rev-list', '--parents', '-n', '1', 'refs/stages/prod').trim().split(' ')).toContain(v2.id);

    // update-stage replace /canarySettings/percentTraffic
    await updateCanary({ ...repo, stageName: 'prod', percentTraffic: 50.5, useStageCache: true });
    s = (await getStage({ ...repo, stageName: 'prod' })).stage;
    expect(s.canarySettings).toMatchObject({ deploymentId: v2.id, percentTraffic: 50.5, useStageCache: true });
    expect(s.deploymentId).toBe(v1.id);

    // promote: deploymentId = canary's, variables merged with overrides, percentTraffic 0, canary kept
    await promoteCanary({ ...repo, stageName: 'prod' });
    s = (await getStage({ ...repo, stageName: 'prod' })).stage;
    expect(s.deploymentId).toBe(v2.id);
    expect(s.variables).toEqual({ backend: 'http://canary', keep: 'k' });
    expect(s.canarySettings).toEqual({ deploymentId: v2.id, percentTraffic: 0, stageVariableOverrides: { backend: 'http://canary' }, useStageCache: true });

    // update-stage remove /canarySettings
    await deleteCanary({ ...repo, stageName: 'prod' });
    s = (await getStage({ ...repo, stageName: 'prod' })).stage;
    expect(s.canarySettings).toBeUndefined();
    expect(s.deploymentId).toBe(v2.id);
    // deleting again writes nothing
    const tip = git_('rev-parse', 'refs/stages/prod').trim();
    await deleteCanary({ ...repo, stageName: 'prod' });
    expect(git_('rev-parse', 'refs/stages/prod').trim()).toBe(tip);

    const history = await getStageHistory({ ...repo, stageName: 'prod' });
    expect(history.map((h) => h.message.replace(/[0-9a-f]{10}/g, 'ID'))).toEqual([
      'delete canary prod: ID',
      'promote canary prod: ID -> ID',
      'canary prod: ID at 50.5%',
      'canary prod: ID at 10% (v2)',
      'create stage prod: ID (v1)',
    ]);
    expect(history[3]!.stage.canarySettings?.deploymentId).toBe(v2.id);
    fsck(repo.gitdir);
  });

  it('the documented update-stage promotion operations give the same result as promoteCanary', async () => {
    const { repo } = await prodWithV1();
    const v2 = await deploy({ ...repo, api: sampleApi('v2'), stageName: 'prod', canary: { percentTraffic: 5, stageVariableOverrides: { extra: 'x' } } });
    const { stage: s } = await updateStage({
      ...repo,
      stageName: 'prod',
      patchOperations: [
        { op: 'replace', value: '0.0', path: '/canarySettings/percentTraffic' },
        { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
        { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
      ],
    });
    expect(s).toMatchObject({ deploymentId: v2.id, variables: { backend: 'http://base', keep: 'k', extra: 'x' }, canarySettings: { percentTraffic: 0, deploymentId: v2.id } });
  });

  it('a canary created by update-stage gets the defaults API Gateway gives it', async () => {
    const { repo, v1 } = await prodWithV1();
    const { stage: s } = await updateStage({ ...repo, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '10.5' }] });
    expect(s.canarySettings).toEqual({ deploymentId: v1.id, percentTraffic: 10.5, useStageCache: false });
    const d2 = await deploy({ ...repo, api: sampleApi('v2') });
    const st = await updateCanary({ ...repo, stageName: 'prod', deployment: 'main', stageVariableOverrides: { a: '1' } });
    expect(st.stage.canarySettings).toEqual({ deploymentId: d2.id, percentTraffic: 10.5, useStageCache: false, stageVariableOverrides: { a: '1' } });
    const replaced = await updateCanary({ ...repo, stageName: 'prod', stageVariableOverrides: { b: '2' }, replaceOverrides: true });
    expect(replaced.stage.canarySettings?.stageVariableOverrides).toEqual({ b: '2' });
  });

  it('errors as API Gateway gives them, repository unchanged', async () => {
    const { repo } = await prodWithV1();
    const before = snapshotDir(repo.gitdir);
    const cases: [() => Promise<unknown>, string, RegExp][] = [
      [() => deploy({ ...repo, api: sampleApi('v9'), stageName: 'nope', canary: { percentTraffic: 10 } }), 'InvalidParameterError', /Stage nope must already be created before making a canary release deployment/],
      [() => deploy({ ...repo, api: sampleApi('v9'), canary: { percentTraffic: 10 } }), 'InvalidParameterError', /Non null and non empty stageName must be provided/],
      [() => deploy({ ...repo, api: sampleApi('v9'), stageName: 'prod', canary: { percentTraffic: 101 } }), 'InvalidParameterError', /percentTraffic must be between 0.0 and 100.0/],
      [() => deploy({ ...repo, api: sampleApi('v9'), stageName: 'prod', canary: { percentTraffic: -1 } }), 'InvalidParameterError', /percentTraffic/],
      [() => deploy({ ...repo, api: sampleApi('v9'), stageName: 'prod', canary: { percentTraffic: NaN } }), 'InvalidParameterError', /percentTraffic/],
      [() => deploy({ ...repo, api: sampleApi('v9'), stageName: 'prod', canary: { percentTraffic: 5, stageVariableOverrides: { 'bad-name': 'x' } } }), 'InvalidNameError', /bad-name/],
      [() => updateCanary({ ...repo, stageName: 'prod', percentTraffic: 100.5 }), 'InvalidParameterError', /percentTraffic/],
      [() => updateCanary({ ...repo, stageName: 'nope', percentTraffic: 5 }), 'NotFoundError', /Invalid stage identifier specified/],
      [() => updateCanary({ ...repo, stageName: 'prod', deployment: 'unknownrev' }), 'NotFoundError', /unknown revision/],
      [() => updateCanary({ ...repo, stageName: 'prod' }), 'InvalidParameterError', /nothing to change/],
      [() => promoteCanary({ ...repo, stageName: 'prod' }), 'InvalidParameterError', /^Promotion not available. Canary does not exist.$/],
      [() => promoteCanary({ ...repo, stageName: 'nope' }), 'NotFoundError', /Invalid stage identifier specified/],
      [() => deleteCanary({ ...repo, stageName: 'nope' }), 'NotFoundError', /Invalid stage identifier specified/],
    ];
    for (const [run, code, message] of cases) {
      const err = await run().then(() => null, (e: Errors.NotFoundError) => e);
      expect(err, String(run)).not.toBeNull();
      expect(err!.code, String(run)).toBe(code);
      expect(err!.message).toMatch(message);
    }
    expect(snapshotDir(repo.gitdir)).toEqual(before);
  });

  it('a stage created with canary settings keeps the canary deployment reachable', async () => {
    const repo = await tempRepo();
    const a = await deploy({ ...repo, api: sampleApi('a') });
    const b = await deploy({ ...repo, api: sampleApi('b'), branch: 'main' });
    await createStage({ ...repo, stageName: 'beta', deployment: a.id, settings: { canarySettings: { deploymentId: b.id, percentTraffic: 1, useStageCache: false } } });
    const parents = git(repo.gitdir, 'rev-list', '--parents', '-n', '1', 'refs/stages/beta').trim().split(' ').slice(1);
    expect(parents).toEqual([a.id, b.id]);
    fsck(repo.gitdir);
  });
});
