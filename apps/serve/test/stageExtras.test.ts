import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { git, fsck } from '@gitway/test-utils';
import { aws, definition, sdk, startServe } from './helpers.js';

const {
  ImportRestApiCommand, CreateDeploymentCommand, TagResourceCommand, UntagResourceCommand, GetTagsCommand, GetStageCommand,
  UpdateDeploymentCommand, GetDeploymentCommand, FlushStageCacheCommand, FlushStageAuthorizersCacheCommand,
} = aws;

describe('gitway serve: tags, UpdateDeployment and cache flushes are core calls too', () => {
  it('tags a stage by ARN, renames a deployment, flushes caches; each a commit by the caller', async () => {
    const { base, root } = await startServe();
    const client = sdk(base);
    const { id } = await client.send(new ImportRestApiCommand({ body: new TextEncoder().encode(definition('1')) }));
    const d1 = await client.send(new CreateDeploymentCommand({ restApiId: id!, stageName: 'prod', description: 'v1' }));
    const arn = `arn:aws:apigateway:us-east-1::/restapis/${id}/stages/prod`;
    await client.send(new TagResourceCommand({ resourceArn: arn, tags: { team: 'payments', cost: 'api' } }));
    await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['cost'] }));
    expect((await client.send(new GetTagsCommand({ resourceArn: arn }))).tags).toEqual({ team: 'payments' });
    expect((await client.send(new GetStageCommand({ restApiId: id!, stageName: 'prod' }))).tags).toEqual({ team: 'payments' });
    const notStage = await client.send(new GetTagsCommand({ resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${id}` })).catch((e) => e);
    expect([notStage.name, notStage.message]).toEqual(['BadRequestException', `gitway serve tags stages only (arn:aws:apigateway:REGION::/restapis/ID/stages/NAME), not arn:aws:apigateway:us-east-1::/restapis/${id}`]);
    const unknownApi = await client.send(new GetTagsCommand({ resourceArn: 'arn:aws:apigateway:us-east-1::/restapis/abcdefghij/stages/prod' })).catch((e) => e);
    expect([unknownApi.name, unknownApi.message]).toEqual(['NotFoundException', 'Invalid API identifier specified 000000000000:abcdefghij']);

    const renamed = await client.send(new UpdateDeploymentCommand({ restApiId: id!, deploymentId: d1.id!, patchOperations: [{ op: 'replace', path: '/description', value: 'v1, reviewed' }] }));
    expect(renamed.description).toBe('v1, reviewed');
    expect((await client.send(new GetDeploymentCommand({ restApiId: id!, deploymentId: d1.id! }))).description).toBe('v1, reviewed');

    await client.send(new FlushStageCacheCommand({ restApiId: id!, stageName: 'prod' }));
    await client.send(new FlushStageAuthorizersCacheCommand({ restApiId: id!, stageName: 'prod' }));
    const missing = await client.send(new FlushStageCacheCommand({ restApiId: id!, stageName: 'nope' })).catch((e) => e);
    expect([missing.name, missing.message]).toEqual(['NotFoundException', 'Invalid Stage identifier specified']);

    const gitdir = path.join(root, id!, '.gitway');
    const log = git(gitdir, 'log', '--first-parent', '--format=%an|%s', 'refs/stages/prod', '-4').trim().split('\n');
    expect(log).toEqual(['flush authorizers cache prod', 'flush cache prod', 'untag stage prod: cost', 'tag stage prod: cost, team'].map((s) => `AKIDSERVETEST|${s}`));
    fsck(gitdir);
  });
});
