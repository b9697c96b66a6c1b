import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { aws, byHost, call, definition, sdk, startServe } from './helpers.js';

const {
  CreateRestApiCommand, GetRestApiCommand, GetRestApisCommand, PutRestApiCommand, DeleteRestApiCommand, GetResourcesCommand, GetResourceCommand, GetMethodCommand,
  GetIntegrationCommand, TestInvokeMethodCommand, CreateDeploymentCommand, CreateStageCommand, DeleteStageCommand, GetStagesCommand,
} = aws;
const enc = (s: string) => new TextEncoder().encode(s);

describe('gitway serve: REST APIs and read views of the working definition', () => {
  it('CreateRestApi makes ROOT/<id>/ with a stable id from the injected source; PutRestApi merge adds methods; DeleteRestApi moves the repository aside', async () => {
    const digits = [...'k3y0000001'].map((c) => 'abcdefghijklmnopqrstuvwxyz0123456789'.indexOf(c));
    let i = 0;
    const { base, root } = await startServe({ random: () => digits[i++ % digits.length] });
    const client = sdk(base);
    const created = await client.send(new CreateRestApiCommand({ name: 'pets', description: 'made over the API', version: '0.1', binaryMediaTypes: ['image/png'] }));
    expect(created).toMatchObject({ id: 'k3y0000001', name: 'pets', description: 'made over the API', version: '0.1', binaryMediaTypes: ['image/png'], apiKeySource: 'HEADER' });
    expect(fs.readFileSync(path.join(root, 'k3y0000001', '.gitway', 'config'), 'utf8')).toMatch(/restApiId = k3y0000001/);
    const noMethods = await client.send(new CreateDeploymentCommand({ restApiId: 'k3y0000001', stageName: 'prod' })).catch((e) => e);
    expect([noMethods.name, noMethods.message]).toEqual(['BadRequestException', "The REST API doesn't contain any methods"]);

    await client.send(new PutRestApiCommand({ restApiId: 'k3y0000001', mode: 'overwrite', body: enc(definition('1')) }));
    const extra = JSON.parse(definition('1', { '/health': { get: { responses: { '200': { description: 'ok' } }, 'x-amazon-apigateway-integration': { type: 'mock', requestTemplates: { 'application/json': '{"statusCode": 200}' }, responses: { default: { statusCode: '200' } } } } } }));
    delete extra.paths['/color'];
    delete extra.paths['/pets/{petId}'];
    delete extra.paths['/whoami'];
    await client.send(new PutRestApiCommand({ restApiId: 'k3y0000001', mode: 'merge', body: enc(JSON.stringify(extra)) }));
    const resources = (await client.send(new GetResourcesCommand({ restApiId: 'k3y0000001' }))).items!;
    expect(resources.map((r) => [r.path, Object.keys(r.resourceMethods ?? {})])).toEqual([
      ['/', []], ['/color', ['GET']], ['/health', ['GET']], ['/pets', []], ['/pets/{petId}', ['GET']], ['/whoami', ['GET']],
    ]);
    const pet = resources.find((r) => r.path === '/pets/{petId}')!;
    expect(pet.parentId).toBe(resources.find((r) => r.path === '/pets')!.id);
    expect(pet.pathPart).toBe('{petId}');
    expect((await client.send(new GetResourceCommand({ restApiId: 'k3y0000001', resourceId: pet.id! }))).path).toBe('/pets/{petId}');
    const method = await client.send(new GetMethodCommand({ restApiId: 'k3y0000001', resourceId: pet.id!, httpMethod: 'GET' }));
    expect([method.httpMethod, method.authorizationType, method.apiKeyRequired, method.requestParameters]).toEqual(['GET', 'NONE', false, { 'method.request.path.petId': true }]);
    const integration = await client.send(new GetIntegrationCommand({ restApiId: 'k3y0000001', resourceId: pet.id!, httpMethod: 'GET' }));
    expect(integration.type).toBe('MOCK');
    expect(integration.integrationResponses!['200'].responseTemplates).toEqual({ 'application/json': '{"version": "1", "pet": "$input.params(\'petId\')"}' });
    const missing = await client.send(new GetMethodCommand({ restApiId: 'k3y0000001', resourceId: pet.id!, httpMethod: 'POST' })).catch((e) => e);
    expect([missing.name, missing.message]).toEqual(['NotFoundException', 'Invalid Method identifier specified']);

    // TestInvokeMethod runs the working definition, before any deployment, with its execution log.
    const color = resources.find((r) => r.path === '/color')!;
    const invoked = await client.send(new TestInvokeMethodCommand({ restApiId: 'k3y0000001', resourceId: color.id!, httpMethod: 'GET', pathWithQueryString: '/color', stageVariables: { color: 'teal' } }));
    expect([invoked.status, JSON.parse(invoked.body!)]).toEqual([200, { version: '1', color: 'teal' }]);
    expect(invoked.log).toMatch(/^Execution log for request /);
    expect(invoked.log).toContain('Method completed with status: 200');
    const petInvoked = await client.send(new TestInvokeMethodCommand({ restApiId: 'k3y0000001', resourceId: pet.id!, httpMethod: 'GET', pathWithQueryString: '/pets/7' }));
    expect(JSON.parse(petInvoked.body!)).toEqual({ version: '1', pet: '7' });
    expect(petInvoked.log).toContain('Method request path: {petId=7}');

    // CreateStage / DeleteStage on a deployment; the /_gitway/ page lists the API and its stages.
    const d = await client.send(new CreateDeploymentCommand({ restApiId: 'k3y0000001' }));
    await client.send(new CreateStageCommand({ restApiId: 'k3y0000001', stageName: 'dev', deploymentId: d.id, variables: { color: 'green' }, description: 'dev stage' }));
    expect(await call(`${base}/restapis/k3y0000001/dev/_user_request_/color`)).toEqual({ status: 200, body: { version: '1', color: 'green' } });
    const page = await (await fetch(`${base}/_gitway/`)).text();
    expect(page).toContain('<td><code>k3y0000001</code></td><td>colors</td><td><a href="/restapis/k3y0000001/dev/_user_request_/">dev</a></td>');
    await client.send(new DeleteStageCommand({ restApiId: 'k3y0000001', stageName: 'dev' }));
    expect((await client.send(new GetStagesCommand({ restApiId: 'k3y0000001' }))).item).toEqual([]);
    expect((await call(`${base}/restapis/k3y0000001/dev/_user_request_/color`)).status).toBe(403);

    await client.send(new DeleteRestApiCommand({ restApiId: 'k3y0000001' }));
    expect((await client.send(new GetRestApisCommand({}))).items).toEqual([]);
    expect(fs.readdirSync(root)).toEqual(['.gitway-deleted']);
    const gone = await client.send(new GetRestApiCommand({ restApiId: 'k3y0000001' })).catch((e) => e);
    expect(gone.name).toBe('NotFoundException');
  });

  it('serves an existing repository found under the root, and the root itself when it is one', async () => {
    const first = await startServe();
    const client = sdk(first.base);
    const { id } = await client.send(new aws.ImportRestApiCommand({ body: enc(definition('1')) }));
    await client.send(new CreateDeploymentCommand({ restApiId: id!, stageName: 'prod', variables: { color: 'red' } }));
    // The repository alone, served as the root: same id, same stage.
    const alone = await startServe({ root: path.join(first.root, id!) });
    expect((await sdk(alone.base).send(new GetRestApisCommand({}))).items!.map((a) => [a.id, a.name])).toEqual([[id, 'colors']]);
    expect(await byHost(alone.port, `${id}.execute-api.localhost:${alone.port}`, '/prod/color')).toEqual({ status: 200, body: { version: '1', color: 'red' } });
    const refused = await sdk(alone.base).send(new DeleteRestApiCommand({ restApiId: id! })).catch((e) => e);
    expect(refused.name).toBe('BadRequestException');
  });
});
