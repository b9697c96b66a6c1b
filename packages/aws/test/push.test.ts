import { describe, expect, it, onTestFinished } from 'vitest';
import path from 'node:path';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { GetStageCommand, UpdateStageCommand, GetDeploymentsCommand, TagResourceCommand } from '@aws-sdk/client-api-gateway';
import { deploy, getStage, getAwsDeployments, parseDefinition, rollback, updateStage, awsDeploymentsRef } from '@gitway/core';
import { fsck, git, tempDir, tempRepo } from '@gitway/test-utils';
import { createApiGatewayClient, pullRestApi, pushStage, planPush, renderPlan } from '@gitway/aws';
import { definition, localRepo, startAws } from './helpers.js';

const READS = ['GetRestApi', 'GetDeployments', 'GetStage'];

async function data(endpoint: string, restApiId: string, stage: string, p: string) {
  const res = await fetch(`${endpoint}/restapis/${restApiId}/${stage}/_user_request_${p}`);
  return { status: res.status, body: await res.json() };
}

describe('gitway aws push against gitway serve with the real AWS SDK', () => {
  it('pushes v1 then v2, a rollback as exactly one UpdateStage, corrects settings drift, and records the mapping in a ref', async () => {
    const aws = await startAws();
    const { repo, deployV } = await localRepo();
    const opts = { ...repo, client: aws.client(), restApiId: aws.restApiId, stageName: 'prod' };
    const v1 = await deployV('1', 'prod', { color: 'red' });
    await updateStage({ ...repo, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/*/*/throttling/rateLimit', value: '100' }] });

    // v1 to prod: the definition, a deployment, the stage, its method settings.
    const first = await pushStage(opts);
    expect(aws.take()).toEqual([...READS, 'PutRestApi', 'CreateDeployment', 'CreateStage', 'UpdateStage']);
    const aws1 = first.done[1]!.awsDeploymentId!;
    expect(first.done.map((d) => d.operation)).toEqual(['PutRestApi', 'CreateDeployment', 'CreateStage', 'UpdateStage']);
    expect(await getAwsDeployments({ ...repo, restApiId: aws.restApiId })).toEqual({ [aws1]: { deploymentId: v1.id, createdDate: expect.stringMatching(/^\d{4}-/) } });
    const s1 = await aws.admin.send(new GetStageCommand({ restApiId: aws.restApiId, stageName: 'prod' }));
    expect(s1.deploymentId).toBe(aws1);
    expect(s1.variables).toEqual({ color: 'red' });
    expect(s1.methodSettings!['*/*']!.throttlingRateLimit).toBe(100);
    const awsDeployment = (await aws.admin.send(new GetDeploymentsCommand({ restApiId: aws.restApiId }))).items!.find((d) => d.id === aws1)!;
    expect(awsDeployment.description).toBe(`v1 (gitway ${v1.id})`);
    expect(await data(aws.endpoint, aws.restApiId, 'prod', '/color')).toEqual({ status: 200, body: { version: '1', color: 'red' } });
    aws.take();

    // v2: a new deployment, then the stage moves.
    const v2 = await deployV('2', 'prod');
    const second = await pushStage(opts);
    expect(aws.take()).toEqual([...READS, 'PutRestApi', 'CreateDeployment', 'UpdateStage']);
    const aws2 = second.done[1]!.awsDeploymentId!;
    expect(second.plan.calls[2]!.input.patchOperations).toEqual([{ op: 'replace', path: '/deploymentId', value: `(new deployment of ${v2.id})` }]);
    expect(await data(aws.endpoint, aws.restApiId, 'prod', '/color')).toEqual({ status: 200, body: { version: '2', color: 'red' } });
    aws.take();

    // Roll back in gitway: on AWS it is a pointer move, one UpdateStage and no CreateDeployment.
    await rollback({ ...repo, stageName: 'prod' });
    const third = await pushStage(opts);
    expect(aws.take()).toEqual([...READS, 'UpdateStage']);
    expect(third.plan.calls).toEqual([{ operation: 'UpdateStage', input: { restApiId: aws.restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/deploymentId', value: aws1 }] } }]);
    expect((await aws.admin.send(new GetStageCommand({ restApiId: aws.restApiId, stageName: 'prod' }))).deploymentId).toBe(aws1);
    expect(await data(aws.endpoint, aws.restApiId, 'prod', '/color')).toEqual({ status: 200, body: { version: '1', color: 'red' } });
    aws.take();
    expect((await aws.admin.send(new GetDeploymentsCommand({ restApiId: aws.restApiId }))).items!.map((d) => d.id).sort()).toEqual([aws1, aws2].sort());

    // Someone changes the stage on AWS; the next push puts gitway's settings back.
    await aws.admin.send(new UpdateStageCommand({
      restApiId: aws.restApiId, stageName: 'prod',
      patchOperations: [{ op: 'replace', path: '/variables/color', value: 'green' }, { op: 'replace', path: '/variables/extra', value: 'x' }, { op: 'replace', path: '/*/*/throttling/rateLimit', value: '5' }],
    }));
    await aws.admin.send(new TagResourceCommand({ resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${aws.restApiId}/stages/prod`, tags: { owner: 'someone' } }));
    aws.take();
    const drift = await pushStage(opts);
    expect(aws.take()).toEqual([...READS, 'UpdateStage', 'UntagResource']);
    expect(drift.plan.calls[0]!.input.patchOperations).toEqual([
      { op: 'remove', path: '/variables/extra' },
      { op: 'replace', path: '/variables/color', value: 'red' },
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '100' },
    ]);
    const s4 = await aws.admin.send(new GetStageCommand({ restApiId: aws.restApiId, stageName: 'prod' }));
    expect([s4.variables, s4.methodSettings!['*/*']!.throttlingRateLimit, s4.tags ?? {}]).toEqual([{ color: 'red' }, 100, {}]);
    aws.take();

    // In sync: a push reads and makes no call.
    expect((await pushStage(opts)).plan.calls).toEqual([]);
    expect(aws.take()).toEqual(READS);
    expect(git(repo.gitdir, 'log', '-2', '--first-parent', '--format=%s', awsDeploymentsRef(aws.restApiId)).trim().split('\n')).toEqual([`aws ${aws.restApiId}: ${aws2} = ${v2.id.slice(0, 10)}`, `aws ${aws.restApiId}: ${aws1} = ${v1.id.slice(0, 10)}`]);
    fsck(repo.gitdir);
  });

  it('--dry-run prints the plan like terraform plan and changes nothing on either side', async () => {
    const aws = await startAws();
    const { repo, deployV } = await localRepo();
    const v1 = await deployV('1', 'prod', { color: 'red' });
    const before = aws.snapshot();
    const refsBefore = git(repo.gitdir, 'for-each-ref');
    const { plan, region } = await pushStage({ ...repo, client: aws.client(), restApiId: aws.restApiId, stageName: 'prod', dryRun: true });
    expect(aws.take()).toEqual(READS);
    expect(aws.snapshot()).toEqual(before);
    expect(git(repo.gitdir, 'for-each-ref')).toBe(refsBefore);
    const bytes = Buffer.byteLength(String(plan.calls[0]!.input.body));
    expect(renderPlan(plan, region)).toBe(
      [
        `stage prod of REST API ${aws.restApiId} (us-east-1): 3 calls to make`,
        `  1. PutRestApi restApiId=${aws.restApiId} mode=overwrite body=<OpenAPI 3.0 export of ${v1.id.slice(0, 10)}, ${bytes} bytes>`,
        `  2. CreateDeployment restApiId=${aws.restApiId} description="v1 (gitway ${v1.id})"`,
        `  3. CreateStage restApiId=${aws.restApiId} stageName=prod deploymentId="(known after CreateDeployment of ${v1.id.slice(0, 10)})" variables={"color":"red"}`,
        `Plan: 1 new deployment, create stage prod on ${v1.id.slice(0, 10)}.`,
      ].join('\n'),
    );
  });

  it('a failure in the middle says what was done and what not; running the push again completes it without redoing the deployment', async () => {
    const aws = await startAws();
    const { repo, deployV } = await localRepo();
    const v1 = await deployV('1', 'prod', { color: 'red' });
    const opts = { ...repo, client: aws.client(), restApiId: aws.restApiId, stageName: 'prod' };
    aws.failNext('CreateStage', { status: 400, type: 'BadRequestException', message: 'Invalid cache cluster size specified' });
    const err = await pushStage(opts).catch((e) => e);
    expect(err.code).toBe('AwsCallError');
    expect(err.data.awsType).toBe('BadRequestException');
    expect(err.data.notDone).toEqual(['CreateStage']);
    expect(err.data.done.map((d: { operation: string }) => d.operation)).toEqual(['PutRestApi', 'CreateDeployment']);
    const awsId = err.data.done[1].awsDeploymentId;
    expect(err.message).toBe(
      `CreateStage: BadRequestException (400): Invalid cache cluster size specified; done: PutRestApi, CreateDeployment (${v1.id.slice(0, 10)} = AWS ${awsId}); not done: CreateStage; run 'gitway aws push prod' again to complete it`,
    );
    expect(aws.take()).toEqual([...READS, 'PutRestApi', 'CreateDeployment', 'CreateStage']);
    const again = await pushStage(opts);
    expect(aws.take()).toEqual([...READS, 'CreateStage']);
    expect(again.plan.calls[0]!.input.deploymentId).toBe(awsId);
    expect((await aws.admin.send(new GetStageCommand({ restApiId: aws.restApiId, stageName: 'prod' }))).deploymentId).toBe(awsId);
  });

  it('a deployment whose record was lost is found by the gitway id in its AWS description', async () => {
    const aws = await startAws();
    const { repo, deployV } = await localRepo();
    await deployV('1', 'prod');
    const opts = { ...repo, client: aws.client(), restApiId: aws.restApiId, stageName: 'prod' };
    const first = await pushStage(opts);
    git(repo.gitdir, 'update-ref', '-d', awsDeploymentsRef(aws.restApiId));
    await deployV('2', 'prod');
    await pushStage(opts);
    await rollback({ ...repo, stageName: 'prod' });
    aws.take();
    await pushStage(opts);
    expect(aws.take()).toEqual([...READS, 'UpdateStage']);
    expect((await aws.admin.send(new GetStageCommand({ restApiId: aws.restApiId, stageName: 'prod' }))).deploymentId).toBe(first.done[1]!.awsDeploymentId);
  });

  it('throttling (429) is retried with the SDK backoff; BadRequest shows AWS message; unknown API and missing credentials are one-line errors with codes', async () => {
    const aws = await startAws();
    const { repo, deployV } = await localRepo();
    await deployV('1', 'prod');
    const opts = { ...repo, client: aws.client(), restApiId: aws.restApiId, stageName: 'prod' };
    aws.failNext('GetStage', { status: 429, type: 'TooManyRequestsException', message: 'Too Many Requests' }, 2);
    aws.failNext('PutRestApi', { status: 429, type: 'TooManyRequestsException', message: 'Too Many Requests' }, 1);
    const r = await pushStage(opts);
    expect(aws.take()).toEqual(['GetRestApi', 'GetDeployments', 'GetStage', 'GetStage', 'GetStage', 'PutRestApi', 'PutRestApi', 'CreateDeployment', 'CreateStage']);
    expect(r.done.map((d) => d.operation)).toEqual(['PutRestApi', 'CreateDeployment', 'CreateStage']);

    // Throttled longer than the attempts allow: the error names it.
    aws.failNext('GetRestApi', { status: 429, type: 'TooManyRequestsException', message: 'Too Many Requests' }, 2);
    const throttled = await pushStage({ ...opts, client: aws.client(2) }).catch((e) => e);
    expect([throttled.code, throttled.message]).toEqual(['AwsCallError', 'GetRestApi: TooManyRequestsException (429): Too Many Requests']);

    const unknown = await pushStage({ ...opts, restApiId: 'zzzzzzzzzz' }).catch((e) => e);
    expect(unknown.code).toBe('NotFoundError');
    expect(unknown.message).toBe('REST API zzzzzzzzzz not found in us-east-1 (NotFoundException: Invalid API identifier specified 000000000000:zzzzzzzzzz)');
    const bad = await pushStage({ ...opts, restApiId: '../x' }).catch((e) => e);
    expect(bad.code).toBe('InvalidNameError');
    expect(aws.take()).toEqual(['GetRestApi', 'GetRestApi', 'GetRestApi']);
  });

  it('credentials and region come from the SDK chain: none found is one line with a code, and nothing is sent', async () => {
    const aws = await startAws();
    const { repo, deployV } = await localRepo();
    await deployV('1', 'prod');
    const empty = tempDir('gitway-aws-home-');
    const saved = { ...process.env };
    onTestFinished(() => {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    });
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
    Object.assign(process.env, { AWS_CONFIG_FILE: path.join(empty, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(empty, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true' });
    const noCredentials = createApiGatewayClient({ endpointUrl: aws.endpoint, region: 'us-east-1' });
    const err = await pushStage({ ...repo, client: noCredentials, restApiId: aws.restApiId, stageName: 'prod' }).catch((e) => e);
    noCredentials.destroy();
    expect(err.code).toBe('AwsCredentialsError');
    expect(err.message.split('\n')).toHaveLength(1);
    expect(err.message.startsWith('no AWS credentials found (environment, shared config/credentials files, profile, SSO): ')).toBe(true);
    const noRegion = createApiGatewayClient({ endpointUrl: aws.endpoint });
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDFROMENV', AWS_SECRET_ACCESS_KEY: 'from-env' });
    const regionErr = await pushStage({ ...repo, client: noRegion, restApiId: aws.restApiId, stageName: 'prod' }).catch((e) => e);
    noRegion.destroy();
    expect([regionErr.code, regionErr.message]).toEqual(['InvalidParameterError', 'no AWS region: pass --region or set AWS_REGION (or a region in the profile)']);
    // From the environment, as the SDK reads it: the push goes through and the author is the key id.
    process.env.AWS_REGION = 'us-east-1';
    const fromEnv = createApiGatewayClient({ endpointUrl: aws.endpoint });
    const ok = await pushStage({ ...repo, client: fromEnv, restApiId: aws.restApiId, stageName: 'prod' });
    fromEnv.destroy();
    expect(ok.done.map((d) => d.operation)).toEqual(['PutRestApi', 'CreateDeployment', 'CreateStage']);
    expect(git(path.join(aws.root, aws.restApiId, '.gitway'), 'log', '-1', '--format=%an', 'refs/stages/prod').trim()).toBe('AKIDFROMENV');
    expect(aws.take()).toEqual(['GetRestApi', 'GetDeployments', 'GetStage', 'PutRestApi', 'CreateDeployment', 'CreateStage']);
  });

  it('a deployment API Gateway would refuse is refused before any call (the deploy checks)', async () => {
    const aws = await startAws();
    const { repo, deployV } = await localRepo();
    const v1 = await deployV('1', 'prod');
    // A deployment written by another tool: its integration URI is no URL.
    const gitdir = repo.gitdir;
    const method = JSON.parse(git(gitdir, 'show', `${v1.id}:paths/color/@GET.json`));
    method.methodIntegration = { ...method.methodIntegration, type: 'HTTP', uri: 'not a url', httpMethod: 'GET' };
    const blob = execFileSync('git', ['--git-dir', gitdir, 'hash-object', '-w', '--stdin'], { input: JSON.stringify(method) }).toString().trim();
    const env = { ...process.env, GIT_INDEX_FILE: path.join(gitdir, 'tmp-index') };
    execFileSync('git', ['--git-dir', gitdir, 'read-tree', v1.id], { env });
    execFileSync('git', ['--git-dir', gitdir, 'update-index', '--cacheinfo', `100644,${blob},paths/color/@GET.json`], { env });
    const tree = execFileSync('git', ['--git-dir', gitdir, 'write-tree'], { env }).toString().trim();
    fs.rmSync(path.join(gitdir, 'tmp-index'));
    const broken = execFileSync('git', ['--git-dir', gitdir, 'commit-tree', tree, '-p', v1.id, '-m', 'broken'], { env: { ...env, GIT_AUTHOR_NAME: 'x', GIT_AUTHOR_EMAIL: 'x@x', GIT_COMMITTER_NAME: 'x', GIT_COMMITTER_EMAIL: 'x@x' } }).toString().trim();
    git(gitdir, 'update-ref', 'refs/heads/main', broken);
    await updateStage({ ...repo, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/deploymentId', value: broken }] });
    const err = await pushStage({ ...repo, client: aws.client(), restApiId: aws.restApiId, stageName: 'prod' }).catch((e) => e);
    expect([err.code, err.message]).toEqual(['InvalidDefinitionError', `deployment ${broken.slice(0, 10)}: #/paths/~1color/get/x-amazon-apigateway-integration/uri: Invalid HTTP endpoint specified for URI: not a url`]);
    expect(aws.take()).toEqual([]);
  });

  it('a canary goes with its own deployment: one more PutRestApi + CreateDeployment, and the canary settings in the same UpdateStage', async () => {
    const aws = await startAws();
    const { repo, deployV } = await localRepo();
    await deployV('1', 'prod', { color: 'red' });
    const opts = { ...repo, client: aws.client(), restApiId: aws.restApiId, stageName: 'prod' };
    await pushStage(opts);
    const v2 = await deploy({ ...repo, api: await parseDefinition({ text: definition('2'), filename: 'api.json' }), description: 'v2', stageName: 'prod', canary: { percentTraffic: 25, stageVariableOverrides: { color: 'blue' } } });
    aws.take();
    const r = await pushStage(opts);
    expect(aws.take()).toEqual([...READS, 'PutRestApi', 'CreateDeployment', 'UpdateStage']);
    const awsV2 = r.done[1]!.awsDeploymentId!;
    expect(r.done[1]!.deploymentId).toBe(v2.id);
    const stage = await aws.admin.send(new GetStageCommand({ restApiId: aws.restApiId, stageName: 'prod' }));
    expect(stage.canarySettings).toEqual({ deploymentId: awsV2, percentTraffic: 25, stageVariableOverrides: { color: 'blue' }, useStageCache: false });
    aws.take();
    expect((await pushStage(opts)).plan.calls).toEqual([]);

    // AWS cannot export a deployment only a canary serves: a pull leaves that canary out and says so.
    const fresh = await tempRepo();
    const pulled = await pullRestApi({ ...fresh, client: aws.client(), restApiId: aws.restApiId });
    expect(pulled.stages.map((s) => [s.stageName, s.action, s.notes])).toEqual([
      ['prod', 'created', [`canary deployment ${awsV2} is served by no stage, so AWS cannot export it: canary left out`]],
    ]);
    expect((await getStage({ ...fresh, stageName: 'prod' })).stage.canarySettings).toBe(undefined);
  });

  it('plans are pure: a stage AWS serves already with equal settings needs no call', () => {
    const stage = { stageName: 'prod', deploymentId: 'a'.repeat(40), cacheClusterEnabled: false, tracingEnabled: false, createdDate: '2026-01-01T00:00:00.000Z', lastUpdatedDate: '2026-01-01T00:00:00.000Z', variables: { x: '1' } };
    const plan = planPush({ restApiId: 'abc', region: 'eu-west-1', stage, deployments: {}, awsIds: { ['a'.repeat(40)]: 'aws1' }, awsStage: { ...stage, deploymentId: 'aws1', tags: { t: '1' } } });
    expect(plan.calls).toEqual([{ operation: 'UntagResource', input: { resourceArn: 'arn:aws:apigateway:eu-west-1::/restapis/abc/stages/prod', tagKeys: ['t'] } }]);
  });
});
