import { describe, expect, it } from 'vitest';
import { CreateDeploymentCommand, GetDeploymentsCommand, PutRestApiCommand, UpdateStageCommand, TagResourceCommand } from '@aws-sdk/client-api-gateway';
import { getAwsDeployments, getStage, tagStage, updateStage, type Stage } from '@gitway/core';
import { fsck, git, tempRepo } from '@gitway/test-utils';
import { pullRestApi, pushStage } from '@gitway/aws';
import { definition, localRepo, startAws } from './helpers.js';

/** A stage's settings without what differs between two repositories by nature (ids, dates). */
function settings(s: Stage) {
  const { deploymentId: _d, createdDate: _c, lastUpdatedDate: _l, ...rest } = s;
  return rest;
}

describe('gitway aws pull against gitway serve with the real AWS SDK', () => {
  it('adopts an API into a fresh repository: one deployment per AWS deployment a stage serves, stages with their settings, unused deployments listed; later pulls add new stage states', async () => {
    const aws = await startAws();
    // The API on "AWS": prod on v1 with settings, dev on v2, and a deployment no stage serves.
    const { repo: origin, deployV } = await localRepo();
    await deployV('1', 'prod', { color: 'red' });
    await updateStage({
      ...origin, stageName: 'prod',
      patchOperations: [
        { op: 'replace', path: '/*/*/throttling/rateLimit', value: '50' },
        { op: 'replace', path: '/~1color/GET/caching/ttlInSeconds', value: '60' },
        { op: 'replace', path: '/description', value: 'production' },
        { op: 'replace', path: '/tracingEnabled', value: 'true' },
      ],
    });
    await tagStage({ ...origin, stageName: 'prod', tags: { team: 'colors' } });
    await deployV('2', 'dev', { color: 'blue' });
    const client = aws.client();
    await pushStage({ ...origin, client, restApiId: aws.restApiId, stageName: 'prod' });
    await pushStage({ ...origin, client, restApiId: aws.restApiId, stageName: 'dev' });
    await aws.admin.send(new PutRestApiCommand({ restApiId: aws.restApiId, mode: 'overwrite', body: new TextEncoder().encode(definition('3')) }));
    const unused = await aws.admin.send(new CreateDeploymentCommand({ restApiId: aws.restApiId, description: 'never staged' }));
    const awsDeployments = (await aws.admin.send(new GetDeploymentsCommand({ restApiId: aws.restApiId }))).items!;
    aws.take();

    const fresh = await tempRepo();
    const r = await pullRestApi({ ...fresh, client, restApiId: aws.restApiId });
    expect(aws.take()).toEqual(['GetRestApi', 'GetStages', 'GetDeployments', 'GetExport', 'GetExport']);
    const prodSource = await getStage({ ...origin, stageName: 'prod' });
    const devSource = await getStage({ ...origin, stageName: 'dev' });
    const prod = await getStage({ ...fresh, stageName: 'prod' });
    const dev = await getStage({ ...fresh, stageName: 'dev' });
    expect(settings(prod.stage)).toEqual(settings(prodSource.stage));
    expect(settings(dev.stage)).toEqual(settings(devSource.stage));
    // The same APIs: equal trees (content addressing), on branch aws/<id>, oldest first, dated as AWS created them.
    const tree = (gitdir: string, rev: string) => git(gitdir, 'rev-parse', `${rev}^{tree}`).trim();
    expect(tree(fresh.gitdir, prod.stage.deploymentId)).toBe(tree(origin.gitdir, prodSource.stage.deploymentId));
    expect(tree(fresh.gitdir, dev.stage.deploymentId)).toBe(tree(origin.gitdir, devSource.stage.deploymentId));
    expect(git(fresh.gitdir, 'log', '--format=%H', `aws/${aws.restApiId}`).trim().split('\n')).toEqual([dev.stage.deploymentId, prod.stage.deploymentId]);
    const awsOf = (id: string) => awsDeployments.find((d) => d.id === id)!;
    const prodAws = r.deployments.find((d) => d.deploymentId === prod.stage.deploymentId)!.awsId;
    expect(git(fresh.gitdir, 'log', '-1', '--format=%aI %s', prod.stage.deploymentId).trim()).toBe(
      `${awsOf(prodAws).createdDate!.toISOString().replace(/\.\d+Z$/, '+00:00')} ${awsOf(prodAws).description}`,
    );
    expect(r.deployments.map((d) => d.imported)).toEqual([true, true]);
    expect(Object.keys(await getAwsDeployments({ ...fresh, restApiId: aws.restApiId })).sort()).toEqual(r.deployments.map((d) => d.awsId).sort());
    expect(r.stages.map((s) => [s.stageName, s.action])).toEqual([['dev', 'created'], ['prod', 'created']]);
    expect(r.notImportable).toEqual([{ id: unused.id, description: 'never staged', createdDate: unused.createdDate!.toISOString() }]);

    // Pushing the adopted stage back changes nothing: the links are recorded.
    const back = await pushStage({ ...fresh, client, restApiId: aws.restApiId, stageName: 'prod', dryRun: true });
    expect(back.plan.calls).toEqual([]);

    // Nothing changed on AWS: nothing is written.
    const refs = git(fresh.gitdir, 'for-each-ref');
    aws.take();
    const again = await pullRestApi({ ...fresh, client, restApiId: aws.restApiId });
    expect(aws.take()).toEqual(['GetRestApi', 'GetStages', 'GetDeployments']);
    expect(again.stages.map((s) => s.action)).toEqual(['unchanged', 'unchanged']);
    expect(git(fresh.gitdir, 'for-each-ref')).toBe(refs);

    // AWS changed dev's settings and tags: the next pull adds one stage state.
    await aws.admin.send(new UpdateStageCommand({ restApiId: aws.restApiId, stageName: 'dev', patchOperations: [{ op: 'replace', path: '/variables/color', value: 'green' }] }));
    await aws.admin.send(new TagResourceCommand({ resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${aws.restApiId}/stages/dev`, tags: { env: 'dev' } }));
    const third = await pullRestApi({ ...fresh, client, restApiId: aws.restApiId });
    expect(third.stages.map((s) => [s.stageName, s.action, s.patchOperations])).toEqual([
      ['dev', 'updated', [{ op: 'replace', path: '/variables/color', value: 'green' }]],
      ['prod', 'unchanged', []],
    ]);
    const devAfter = (await getStage({ ...fresh, stageName: 'dev' })).stage;
    expect([devAfter.variables, devAfter.tags]).toEqual([{ color: 'green' }, { env: 'dev' }]);
    expect(git(fresh.gitdir, 'log', '--first-parent', '--format=%s', 'refs/stages/dev').trim().split('\n').slice(0, 2)).toEqual([
      'tag stage dev: env',
      `aws pull ${aws.restApiId} dev`,
    ]);

    // The repository that pushed recognises its own deployments: nothing is exported.
    aws.take();
    const own = await pullRestApi({ ...origin, client, restApiId: aws.restApiId });
    expect(aws.take()).toEqual(['GetRestApi', 'GetStages', 'GetDeployments']);
    expect(own.deployments.map((d) => d.imported)).toEqual([false, false]);
    expect(own.stages.map((s) => s.action)).toEqual(['updated', 'unchanged']);
    fsck(fresh.gitdir);
    fsck(origin.gitdir);
  });

  it('an unknown rest-api-id is a one-line NotFoundError and leaves the repository byte-identical', async () => {
    const aws = await startAws();
    const fresh = await tempRepo();
    const refs = git(fresh.gitdir, 'for-each-ref');
    const err = await pullRestApi({ ...fresh, client: aws.client(), restApiId: 'nosuchapi1' }).catch((e) => e);
    expect([err.code, err.message]).toEqual(['NotFoundError', 'REST API nosuchapi1 not found in us-east-1 (NotFoundException: Invalid API identifier specified 000000000000:nosuchapi1)']);
    expect(git(fresh.gitdir, 'for-each-ref')).toBe(refs);
  });
});
