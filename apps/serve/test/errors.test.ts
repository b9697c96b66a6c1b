import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { snapshotDir, fsck, git } from '@gitway/test-utils';
import { aws, call, definition, sdk, startServe } from './helpers.js';

const { CreateDeploymentCommand, GetDeploymentCommand, GetRestApiCommand, GetStageCommand, ImportRestApiCommand, UpdateStageCommand, UpdateRestApiCommand, CreateStageCommand } = aws;
const enc = (s: string) => new TextEncoder().encode(s);

/** A served API deployed to prod; returns its id, the root and the first deployment. */
async function deployed() {
  const served = await startServe();
  const client = sdk(served.base);
  const { id } = await client.send(new ImportRestApiCommand({ body: enc(definition('1')) }));
  const d1 = await client.send(new CreateDeploymentCommand({ restApiId: id!, stageName: 'prod', variables: { color: 'red' } }));
  return { ...served, client, id: id!, d1: d1.id!, gitdir: path.join(served.root, id!, '.gitway') };
}

/** A raw control-plane request: status, error type header and message. */
async function raw(base: string, method: string, p: string, body?: string | Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${p}`, { method, body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.status, type: res.headers.get('x-amzn-errortype'), message: ((await res.json()) as { message: string }).message };
}

describe('gitway serve: bad input and faults', () => {
  it('unknown ids answer AWS NotFound messages', async () => {
    const { client, id, base } = await deployed();
    const err = (p: Promise<unknown>) => p.then(() => null, (e) => [e.name, e.message, e.$metadata.httpStatusCode]);
    expect(await err(client.send(new GetRestApiCommand({ restApiId: 'abcdefghij' })))).toEqual(['NotFoundException', 'Invalid API identifier specified 000000000000:abcdefghij', 404]);
    expect(await err(client.send(new GetStageCommand({ restApiId: id, stageName: 'nope' })))).toEqual(['NotFoundException', 'Invalid Stage identifier specified', 404]);
    expect(await err(client.send(new GetDeploymentCommand({ restApiId: id, deploymentId: 'abc123def4' })))).toEqual(['NotFoundException', 'Invalid Deployment identifier specified', 404]);
    expect(await err(client.send(new GetDeploymentCommand({ restApiId: id, deploymentId: 'prod' })))).toEqual(['NotFoundException', 'Invalid Deployment identifier specified', 404]);
    expect(await err(client.send(new UpdateStageCommand({ restApiId: id, stageName: 'nope', patchOperations: [] })))).toEqual(['NotFoundException', 'Invalid Stage identifier specified', 404]);
    // The data plane of an unknown API or stage: API Gateway's 403.
    expect(await call(`${base}/restapis/abcdefghij/prod/_user_request_/color`)).toEqual({ status: 403, body: { message: 'Missing Authentication Token' } });
    expect(await call(`${base}/restapis/${id}/nope/_user_request_/color`)).toEqual({ status: 403, body: { message: 'Missing Authentication Token' } });
  });

  it('malformed JSON, unknown fields, wrong types and bad settings are 400s naming the place; the repository is unchanged', async () => {
    const { base, client, id, root, gitdir } = await deployed();
    const before = snapshotDir(root);
    const p = `/restapis/${id}/deployments`;
    expect(await raw(base, 'POST', p, '{"stageName": "prod",')).toEqual({
      status: 400, type: 'BadRequestException',
      message: expect.stringMatching(/^Invalid request body for CreateDeployment: malformed JSON \(/),
    });
    expect(await raw(base, 'POST', p, '{"stageName": "prod", "stageNmae": "x"}')).toEqual({
      status: 400, type: 'BadRequestException',
      message: "Invalid request body for CreateDeployment: unknown field 'stageNmae' (expected: stageName, stageDescription, description, cacheClusterEnabled, cacheClusterSize, variables, canarySettings, tracingEnabled)",
    });
    expect(await raw(base, 'POST', p, '{"stageName": 7}')).toEqual({ status: 400, type: 'BadRequestException', message: "Invalid request body for CreateDeployment: 'stageName' must be a string, got 7" });
    expect(await raw(base, 'POST', p, '{"variables": {"a": 1}}')).toEqual({ status: 400, type: 'BadRequestException', message: "Invalid request body for CreateDeployment: 'variables' must be a map of strings, got {\"a\":1}" });
    expect(await raw(base, 'POST', p, '[1]')).toEqual({ status: 400, type: 'BadRequestException', message: 'Invalid request body for CreateDeployment: expected a JSON object' });
    expect(await raw(base, 'POST', p, '{"__proto__": {"x": 1}}')).toMatchObject({ status: 400, type: 'BadRequestException' });
    const badSize = await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'prod', cacheClusterSize: '3' as never })).catch((e) => e);
    expect(badSize.name).toBe('BadRequestException');
    expect(badSize.message).toMatch(/cacheClusterSize/);
    const badPatch = await client.send(new UpdateStageCommand({ restApiId: id, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/tags/x', value: 'y' }] })).catch((e) => e);
    expect(badPatch.name).toBe('BadRequestException');
    expect(badPatch.message).toMatch(/^Invalid (patch|method setting) path:? '?\/tags\/x'?\. Must be one of/);
    const badVar = await client.send(new UpdateStageCommand({ restApiId: id, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/x', value: 'a b' }] })).catch((e) => e);
    expect(badVar.name).toBe('BadRequestException');
    const badDef = await raw(base, 'PUT', `/restapis/${id}?mode=overwrite`, 'openapi: 3.0.1\ninfo: {title: x\n');
    expect([badDef.status, badDef.type]).toEqual([400, 'BadRequestException']);
    expect(badDef.message).toMatch(/PutRestApi body:\d+:\d+/);
    expect(snapshotDir(root)).toEqual(before);
    fsck(gitdir);
  });

  it('a body over the 6 MB import limit is refused and nothing is created', async () => {
    const { base, root } = await startServe();
    const huge = Buffer.alloc(6 * 1024 * 1024 + 10, 0x20);
    expect(await raw(base, 'POST', '/restapis?mode=import', huge)).toEqual({
      status: 400, type: 'BadRequestException', message: `Request body of ${huge.length} bytes exceeds the limit of 6291456 bytes (API Gateway's 6 MB import limit)`,
    });
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('operations gitway does not implement, and paths that are no operation, name themselves (never a 500)', async () => {
    const { base, client, id } = await deployed();
    const e = await client.send(new UpdateRestApiCommand({ restApiId: id, patchOperations: [] })).catch((x) => x);
    expect([e.name, e.message, e.$metadata.httpStatusCode]).toEqual(['BadRequestException', `UpdateRestApi is not supported by gitway serve (PATCH /restapis/${id})`, 400]);
    expect(await raw(base, 'GET', '/nothing/here')).toEqual({ status: 404, type: 'UnknownOperationException', message: 'Unknown operation: GET /nothing/here is not an API Gateway REST API operation' });
  });

  it('concurrent UpdateStage calls all land (compare-and-swap with retries), one stage commit each', async () => {
    const { client, id, gitdir } = await deployed();
    const n = 12;
    await Promise.all(
      Array.from({ length: n }, (_, i) => client.send(new UpdateStageCommand({ restApiId: id, stageName: 'prod', patchOperations: [{ op: 'replace', path: `/variables/v${i}`, value: String(i) }] }))),
    );
    const stage = await client.send(new GetStageCommand({ restApiId: id, stageName: 'prod' }));
    expect(stage.variables).toEqual(Object.fromEntries([['color', 'red'], ...Array.from({ length: n }, (_, i) => [`v${i}`, String(i)])]));
    expect(Number(git(gitdir, 'rev-list', '--count', '--first-parent', 'refs/stages/prod').trim())).toBe(1 + n + 1);
    fsck(gitdir);
  });

  it('a client that disconnects mid-request changes nothing and the server keeps answering', async () => {
    const { port, id, root, client } = await deployed();
    const before = snapshotDir(root);
    const body = JSON.stringify({ patchOperations: [{ op: 'replace', path: '/variables/color', value: 'green' }] });
    await new Promise<void>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(`PATCH /restapis/${id}/stages/prod HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body.slice(0, 20)}`);
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
    });
    expect((await client.send(new GetStageCommand({ restApiId: id, stageName: 'prod' }))).variables).toEqual({ color: 'red' });
    expect(snapshotDir(root)).toEqual(before);
  });

  it('CreateStage refuses an existing stage with ConflictException', async () => {
    const { client, id, d1 } = await deployed();
    const e = await client.send(new CreateStageCommand({ restApiId: id, stageName: 'prod', deploymentId: d1 })).catch((x) => x);
    expect([e.name, e.message]).toEqual(['ConflictException', 'Stage already exists: prod']);
  });
});
