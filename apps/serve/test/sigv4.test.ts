import { describe, expect, it } from 'vitest';
import { createServeServer, parseCredentials } from '@gitway/serve';
import path from 'node:path';
import { git, tempDir } from '@gitway/test-utils';
import { aws, definition, sdk, startServe } from './helpers.js';

const { GetRestApisCommand, ImportRestApiCommand, CreateDeploymentCommand, UpdateStageCommand, GetStageCommand, TagResourceCommand, GetTagsCommand } = aws;
const credentials = parseCredentials('{"AKIDSERVETEST": "serve-test-secret", "AKIDOTHER": "other-secret"}');
const fail = (p: Promise<unknown>) => p.then(() => null, (e) => [e.$metadata.httpStatusCode, e.name, e.message]);

describe('gitway serve --credentials: SigV4 verified for real', () => {
  it('accepts requests signed by a known key (bodies, path labels, query strings) and records that key as author', async () => {
    const { base, root } = await startServe({ credentials });
    const client = sdk(base);
    const { id } = await client.send(new ImportRestApiCommand({ body: new TextEncoder().encode(definition('1')), parameters: { endpointConfigurationTypes: 'REGIONAL' } }));
    await client.send(new CreateDeploymentCommand({ restApiId: id!, stageName: 'prod', variables: { color: 'red' } }));
    const other = sdk(base, { accessKeyId: 'AKIDOTHER', secretAccessKey: 'other-secret' });
    await other.send(new UpdateStageCommand({ restApiId: id!, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/~1color/GET/caching/enabled', value: 'true' }] }));
    const stage = await client.send(new GetStageCommand({ restApiId: id!, stageName: 'prod' }));
    expect(stage.methodSettings!['color/GET'].cachingEnabled).toBe(true);
    // A path label full of reserved characters (an ARN): signed over the path encoded once more.
    const arn = `arn:aws:apigateway:us-east-1::/restapis/${id}/stages/prod`;
    await client.send(new TagResourceCommand({ resourceArn: arn, tags: { 'team:name': 'a b/c' } }));
    expect((await client.send(new GetTagsCommand({ resourceArn: arn }))).tags).toEqual({ 'team:name': 'a b/c' });
    expect((await client.send(new GetRestApisCommand({ limit: 25 }))).items!.map((a) => a.id)).toEqual([id]);
    expect(git(path.join(root, id!, '.gitway'), 'log', '--first-parent', '-2', '--format=%an <%ae>', 'refs/stages/prod').trim().split('\n')).toEqual([
      'AKIDSERVETEST <AKIDSERVETEST@aws>', 'AKIDOTHER <AKIDOTHER@aws>',
    ]);
  });

  it('refuses a wrong secret, an unknown key, a missing signature and a stale date as API Gateway does (403)', async () => {
    const { base } = await startServe({ credentials });
    expect(await fail(sdk(base, { accessKeyId: 'AKIDSERVETEST', secretAccessKey: 'wrong' }).send(new GetRestApisCommand({})))).toEqual([
      403, 'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    ]);
    expect(await fail(sdk(base, { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' }).send(new GetRestApisCommand({})))).toEqual([
      403, 'UnrecognizedClientException', 'The security token included in the request is invalid.',
    ]);
    const res = await fetch(`${base}/restapis`);
    expect([res.status, res.headers.get('x-amzn-errortype'), await res.json()]).toEqual([403, 'MissingAuthenticationTokenException', { message: 'Missing Authentication Token' }]);
    // A server clock 20 minutes ahead: the signature is older than the 15 minutes allowed.
    const late = await startServe({ credentials, now: () => Date.now() + 20 * 60 * 1000 });
    const stale = await fail(sdk(late.base).send(new GetRestApisCommand({})));
    expect(stale!.slice(0, 2)).toEqual([403, 'InvalidSignatureException']);
    expect(stale![2]).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
  });

  it('without credentials any signature is accepted and its access key id is the author', async () => {
    const { base } = await startServe();
    const client = sdk(base, { accessKeyId: 'AKIDANYONE', secretAccessKey: 'anything' });
    expect((await client.send(new GetRestApisCommand({}))).items).toEqual([]);
  });

  it('refuses a non-loopback bind without credentials, and a malformed credentials file', async () => {
    await expect(createServeServer({ root: tempDir(), host: '0.0.0.0', port: 0 })).rejects.toMatchObject({ code: 'InvalidParameterError' });
    expect(() => parseCredentials('{"AKID": 5}', 'creds.json')).toThrow("creds.json: entry 'AKID' must map an access key id ([A-Za-z0-9]) to a non-empty secret string");
    expect(() => parseCredentials('AKID=secret', 'creds.json')).toThrow(/^creds\.json: not JSON/);
  });
});
