import { describe, expect, it } from 'vitest';
import {
  AWS_ERROR_TYPES,
  createStage,
  deleteDeployment,
  deleteStage,
  deploy,
  Errors,
  flushStageCache,
  getStage,
  getStageHistory,
  getStages,
  getStageTags,
  listDeployments,
  log,
  parseDefinition,
  readDeployment,
  tagStage,
  untagStage,
  updateDeployment,
  type Api,
} from '@gitway/core';
import { tempRepo, sampleApi, snapshotDir, fsck, git } from '@gitway/test-utils';

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: { code: string; message: string; data: Record<string, unknown> }) => e);

describe('deployments as API Gateway records them (mismatches 4, 5, 6, 7)', () => {
  it('a deployment without a description has no description key; UpdateDeployment records one without changing the id', async () => {
    const repo = await tempRepo();
    const d = await deploy({ ...repo, api: sampleApi('v1') });
    expect('description' in d).toBe(false);
    expect('description' in (await readDeployment({ ...repo, rev: d.id }))).toBe(false);
    const updated = await updateDeployment({ ...repo, deploymentId: d.id.slice(0, 8), patchOperations: [{ op: 'replace', path: '/description', value: 'reviewed' }] });
    expect(updated).toEqual({ id: d.id, description: 'reviewed', createdDate: d.createdDate });
    expect((await readDeployment({ ...repo, rev: d.id })).description).toBe('reviewed');
    expect((await log(repo)).map((x) => [x.id, x.description])).toEqual([[d.id, 'reviewed']]);
    expect((await listDeployments(repo))[0]!.description).toBe('reviewed');
    expect(git(repo.gitdir, 'rev-parse', 'main').trim()).toBe(d.id);
    await updateDeployment({ ...repo, deploymentId: d.id, patchOperations: [{ op: 'remove', path: '/description' }] });
    expect('description' in (await readDeployment({ ...repo, rev: d.id }))).toBe(false);
    const bad = await refusal(updateDeployment({ ...repo, deploymentId: d.id, patchOperations: [{ op: 'replace', path: '/stageName', value: 'x' }] }));
    expect(bad?.code).toBe('InvalidParameterError');
    expect((await refusal(updateDeployment({ ...repo, deploymentId: 'f00d', patchOperations: [{ op: 'remove', path: '/description' }] })))?.code).toBe('NotFoundError');
    fsck(repo.gitdir);
  });

  it('deploying after the tip deployment was deleted creates a new deployment, with or without a stage', async () => {
    const repo = await tempRepo();
    const d1 = await deploy({ ...repo, api: sampleApi('v1'), description: 'v1' });
    await deleteDeployment({ ...repo, deploymentId: d1.id });
    const d2 = await deploy({ ...repo, api: sampleApi('v1'), description: 'again' });
    expect(d2.created).toBe(true);
    expect(d2.id).not.toBe(d1.id);
    await deleteDeployment({ ...repo, deploymentId: d2.id });
    const d3 = await deploy({ ...repo, api: sampleApi('v1'), stageName: 's1' });
    expect(d3.created).toBe(true);
    expect(d3.stage?.deploymentId).toBe(d3.id);
  });

  it('a plain deploy onto a stage whose canary is on is refused before anything is written', async () => {
    const repo = await tempRepo();
    await deploy({ ...repo, api: sampleApi('v1'), stageName: 'prod' });
    await deploy({ ...repo, api: sampleApi('v2'), stageName: 'prod', canary: { percentTraffic: 10 } });
    const before = snapshotDir(repo.gitdir);
    const err = await refusal(deploy({ ...repo, api: sampleApi('v3'), stageName: 'prod' }));
    expect(err?.code).toBe('InvalidParameterError');
    expect(err?.data.awsType).toBe('BadRequestException');
    expect(err?.message).toBe(
      'Invalid deployment content specified.Non canary deployment not supported on stage prod because Canary is enabled. Provide CanarySettings in deploymentInput. (Promote or delete the canary first, or deploy as the canary.)',
    );
    expect(snapshotDir(repo.gitdir)).toEqual(before);
    // As the canary it is accepted.
    const v3 = await deploy({ ...repo, api: sampleApi('v3'), stageName: 'prod', canary: { percentTraffic: 20 } });
    expect((await getStage({ ...repo, stageName: 'prod' })).stage.canarySettings?.deploymentId).toBe(v3.id);
  });

  it('stageDescription and the create-time stage options reach the stage', async () => {
    const repo = await tempRepo();
    const d = await deploy({
      ...repo,
      api: sampleApi('v1'),
      stageName: 'dev',
      stageDescription: 'the dev stage',
      stageOptions: { cacheClusterSize: '1.6', tracingEnabled: true, tags: { team: 'pets' }, documentationVersion: 'v1.0' },
    });
    const s = (await getStage({ ...repo, stageName: 'dev' })).stage;
    expect(s).toMatchObject({
      deploymentId: d.id,
      description: 'the dev stage',
      cacheClusterEnabled: true,
      cacheClusterSize: '1.6',
      cacheClusterStatus: 'AVAILABLE',
      tracingEnabled: true,
      tags: { team: 'pets' },
      documentationVersion: 'v1.0',
      methodSettings: {},
    });
    // On an existing stage: set again, tags merged.
    await deploy({ ...repo, api: sampleApi('v2'), stageName: 'dev', stageDescription: 'v2 on dev', stageOptions: { tags: { env: 'dev' } } });
    expect((await getStage({ ...repo, stageName: 'dev' })).stage).toMatchObject({ description: 'v2 on dev', tags: { team: 'pets', env: 'dev' } });
  });
});

describe('stage features (mismatch 10)', () => {
  it('createStage takes CreateStage options; getStages filters by deployment', async () => {
    const repo = await tempRepo();
    const v1 = await deploy({ ...repo, api: sampleApi('v1'), stageName: 'prod' });
    const v2 = await deploy({ ...repo, api: sampleApi('v2') });
    const { stage: s, oid } = await createStage({
      ...repo,
      stageName: 'beta',
      deployment: v2.id,
      description: 'beta',
      cacheClusterEnabled: true,
      tracingEnabled: true,
      tags: { team: 'pets' },
      documentationVersion: 'v2',
      canarySettings: { percentTraffic: 5 },
    });
    expect(s).toMatchObject({ cacheClusterSize: '0.5', cacheClusterStatus: 'AVAILABLE', tags: { team: 'pets' }, documentationVersion: 'v2' });
    expect(s.canarySettings).toEqual({ deploymentId: v2.id, percentTraffic: 5, useStageCache: false });
    expect(oid).toBe(git(repo.gitdir, 'rev-parse', 'refs/stages/beta').trim());
    expect((await getStages({ ...repo, deploymentId: v1.id.slice(0, 7) })).map((x) => x.stageName)).toEqual(['prod']);
    expect((await getStages({ ...repo, deploymentId: v2.id })).map((x) => x.stageName)).toEqual(['beta']);
    const bad = await refusal(createStage({ ...repo, stageName: 'x', deployment: v1.id, canarySettings: { deploymentId: 'deploy' } }));
    expect([bad?.code, bad?.message]).toEqual(['InvalidParameterError', 'Deployment id does not exist']);
    const badTag = await refusal(createStage({ ...repo, stageName: 'y', deployment: v1.id, tags: { 'aws:x': '1' } }));
    expect(badTag?.code).toBe('InvalidParameterError');
  });

  it('tags: tag, untag, list, each one stage commit', async () => {
    const repo = await tempRepo();
    await deploy({ ...repo, api: sampleApi('v1'), stageName: 'prod' });
    expect(await getStageTags({ ...repo, stageName: 'prod' })).toEqual({ tags: {} });
    expect(await tagStage({ ...repo, stageName: 'prod', tags: { team: 'payments', cost: 'api' } })).toEqual({ tags: { team: 'payments', cost: 'api' } });
    expect(await untagStage({ ...repo, stageName: 'prod', tagKeys: ['cost', 'absent'] })).toEqual({ tags: { team: 'payments' } });
    expect((await getStage({ ...repo, stageName: 'prod' })).stage.tags).toEqual({ team: 'payments' });
    const messages = (await getStageHistory({ ...repo, stageName: 'prod' })).map((h) => h.message);
    expect(messages.slice(0, 2)).toEqual(['untag stage prod: absent, cost', 'tag stage prod: cost, team']);
    expect((await refusal(tagStage({ ...repo, stageName: 'prod', tags: { ['k'.repeat(129)]: 'v' } })))?.code).toBe('InvalidParameterError');
    expect((await refusal(tagStage({ ...repo, stageName: 'nope', tags: { a: 'b' } })))?.code).toBe('NotFoundError');
    fsck(repo.gitdir);
  });

  it('flush-cache is a stage commit that changes no setting, so a preview rebuilds the stage', async () => {
    const repo = await tempRepo();
    await deploy({ ...repo, api: sampleApi('v1'), stageName: 'prod' });
    const before = await getStage({ ...repo, stageName: 'prod' });
    const flushed = await flushStageCache({ ...repo, stageName: 'prod' });
    expect(flushed.oid).not.toBe(before.oid);
    expect(flushed.stage).toEqual(before.stage);
    expect(flushed.message).toBe('flush cache prod');
    expect((await flushStageCache({ ...repo, stageName: 'prod', authorizers: true })).message).toBe('flush authorizers cache prod');
    expect(git(repo.gitdir, 'rev-parse', 'refs/stages/prod^{tree}')).toBe(git(repo.gitdir, 'rev-parse', `${before.oid}^{tree}`));
    await deleteStage({ ...repo, stageName: 'prod' });
    expect((await refusal(flushStageCache({ ...repo, stageName: 'prod' })))?.code).toBe('NotFoundError');
  });
});

describe('deploy refuses what API Gateway refuses, before anything is written', () => {
  const withMethod = (mutate: (api: Api) => void): Api => {
    const api = sampleApi('v1');
    mutate(api);
    return api;
  };
  const cases: [string, Api, RegExp][] = [
    ['no methods', { ...sampleApi('v1'), resources: { '/pets': { path: '/pets', resourceMethods: {} } } }, /^#\/paths: The REST API doesn't contain any methods$/],
    ['no integration', withMethod((a) => delete a.resources['/pets']!.resourceMethods.GET!.methodIntegration), /^#\/paths\/~1pets\/get: No integration defined for method$/],
    [
      'URI not a URL',
      withMethod((a) => (a.resources['/{proxy+}']!.resourceMethods.ANY!.methodIntegration!.uri = 'backend/{proxy}')),
      /^#\/paths\/~1\{proxy\+\}\/x-amazon-apigateway-any-method\/x-amazon-apigateway-integration\/uri: Invalid HTTP endpoint specified for URI: backend\/\{proxy\}$/,
    ],
    [
      'invalid stage variable name',
      withMethod((a) => (a.resources['/{proxy+}']!.resourceMethods.ANY!.methodIntegration!.uri = 'http://${stageVariables.back-end}/{proxy}')),
      /Invalid stage variable reference \$\{stageVariables\.back-end\}/,
    ],
    [
      'template placeholder',
      withMethod((a) => (a.resources['/{proxy+}']!.resourceMethods.ANY!.methodIntegration = { type: 'AWS_PROXY', httpMethod: 'POST', uri: 'arn:aws:apigateway:${region}:lambda:path/fn' })),
      /unresolved template placeholder \$\{region\}/,
    ],
    ['title placeholder', withMethod((a) => (a.restApi.name = '${title}')), /^#\/info\/title: unresolved template placeholder \$\{title\}/],
  ];
  it.each(cases)('%s', async (_name, api, message) => {
    const repo = await tempRepo();
    const before = snapshotDir(repo.gitdir);
    const err = await refusal(deploy({ ...repo, api, stageName: 'prod' }));
    expect(err?.code).toBe('InvalidDefinitionError');
    expect(err?.data.awsType).toBe('BadRequestException');
    expect(err?.message).toMatch(message);
    expect(snapshotDir(repo.gitdir)).toEqual(before);
  });

  it('names the file, line and column when given the source; stage variables, lambda ARNs and MOCK deploy', async () => {
    const text = [
      'openapi: 3.0.1',
      'info: { title: pets, version: "1" }',
      'paths:',
      '  /pets:',
      '    get:',
      '      responses: {}',
      '  /backend:',
      '    get:',
      '      x-amazon-apigateway-integration:',
      '        type: http_proxy',
      '        httpMethod: GET',
      '        uri: "${stageVariables.backend}/x"',
      '',
    ].join('\n');
    const repo = await tempRepo();
    const api = await parseDefinition({ text, filename: 'api.yaml' });
    const err = await refusal(deploy({ ...repo, api, source: { text, filename: 'api.yaml' } }));
    expect(err?.message).toBe('api.yaml:6:7: #/paths/~1pets/get: No integration defined for method');
    expect(err?.data).toMatchObject({ file: 'api.yaml', pointer: '#/paths/~1pets/get', line: 6, column: 7 });
    const ok = withMethod((a) => {
      a.resources['/lambda'] = {
        path: '/lambda',
        resourceMethods: {
          POST: {
            httpMethod: 'POST',
            authorizationType: 'NONE',
            methodIntegration: { type: 'AWS_PROXY', httpMethod: 'POST', uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${stageVariables.fn}/invocations' },
          },
        },
      };
    });
    expect((await deploy({ ...repo, api: ok })).created).toBe(true);
  });
});

describe('AWS exception types (mismatch 9)', () => {
  it('maps every API Gateway-facing error code once, and errors carry it as data.awsType', () => {
    expect(AWS_ERROR_TYPES).toMatchObject({ InvalidParameterError: 'BadRequestException', NotFoundError: 'NotFoundException', AlreadyExistsError: 'ConflictException', ConflictError: 'BadRequestException' });
    expect(new Errors.NotFoundError('x', { what: 'stage' }).data).toEqual({ awsType: 'NotFoundException', what: 'stage' });
    expect(new Errors.RemoteUnreachableError('x', {}).data.awsType).toBeUndefined();
  });
});
