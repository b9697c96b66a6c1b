import { describe, expect, it } from 'vitest';
import path from 'node:path';
import fs from 'node:fs';
import { getStageHistory } from '@gitway/core';
import { fsck, git } from '@gitway/test-utils';
import { aws, byHost, call, definition, sdk, startServe } from './helpers.js';

const {
  CreateDeploymentCommand, CreateRestApiCommand, DeleteDeploymentCommand, GetDeploymentCommand, GetDeploymentsCommand, GetExportCommand,
  GetRestApiCommand, GetRestApisCommand, GetStageCommand, GetStagesCommand, ImportRestApiCommand, PutRestApiCommand, UpdateStageCommand,
  DeleteRestApiCommand, GetResourcesCommand, GetMethodCommand, GetIntegrationCommand, CreateStageCommand, DeleteStageCommand,
} = aws;

const enc = (s: string) => new TextEncoder().encode(s);

describe('gitway serve with the AWS SDK', () => {
  it('runs the deployment story: import, deploy, redeploy, roll back, canary, delete, export; the data plane follows every step and git records it', async () => {
    const { base, port, root } = await startServe();
    const client = sdk(base);
    const imported = await client.send(new ImportRestApiCommand({ body: enc(definition('1')) }));
    const id = imported.id!;
    expect(id).toMatch(/^[a-z0-9]{10}$/);
    expect(imported.name).toBe('colors');
    const gitdir = path.join(root, id, '.gitway');
    expect(fs.existsSync(path.join(root, id, 'api.json'))).toBe(true);
    expect(git(gitdir, 'config', 'gitway.restApiId').trim()).toBe(id);
    expect((await client.send(new GetRestApisCommand({}))).items!.map((a) => a.id)).toEqual([id]);
    const stageUrl = (p: string) => `${base}/restapis/${id}/prod/_user_request_${p}`;

    // Deploy v1 to prod with a variable.
    const d1 = await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'prod', description: 'v1', variables: { color: 'red' } }));
    expect(d1.id).toMatch(/^[0-9a-f]{40}$/);
    expect(d1.description).toBe('v1');
    expect(d1.createdDate).toBeInstanceOf(Date);
    expect(await call(stageUrl('/color'))).toEqual({ status: 200, body: { version: '1', color: 'red' } });
    expect(await byHost(port, `${id}.execute-api.localhost:${port}`, '/prod/pets/7')).toEqual({ status: 200, body: { version: '1', pet: '7' } });
    expect(await call(stageUrl('/whoami'))).toEqual({ status: 200, body: { api: id, stage: 'prod' } });

    // A settings change, then v2 in the working definition: nothing is live until it is deployed.
    await client.send(new UpdateStageCommand({ restApiId: id, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/*/*/throttling/rateLimit', value: '100' }] }));
    await client.send(new PutRestApiCommand({ restApiId: id, mode: 'overwrite', body: enc(definition('2')) }));
    expect((await call(stageUrl('/color'))).body).toEqual({ version: '1', color: 'red' });

    // Redeploy: the stage keeps its variables and method settings.
    const d2 = await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'prod', description: 'v2' }));
    const afterRedeploy = await client.send(new GetStageCommand({ restApiId: id, stageName: 'prod' }));
    expect(afterRedeploy.deploymentId).toBe(d2.id);
    expect(afterRedeploy.variables).toEqual({ color: 'red' });
    expect(afterRedeploy.methodSettings!['*/*'].throttlingRateLimit).toBe(100);
    expect((await call(stageUrl('/color'))).body).toEqual({ version: '2', color: 'red' });
    expect((await client.send(new GetDeploymentsCommand({ restApiId: id }))).items!.map((d) => d.id)).toEqual([d2.id, d1.id]);
    expect((await client.send(new GetStagesCommand({ restApiId: id, deploymentId: d2.id }))).item!.map((s) => s.stageName)).toEqual(['prod']);

    // Roll back with update-stage /deploymentId.
    await client.send(new UpdateStageCommand({ restApiId: id, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/deploymentId', value: d1.id }] }));
    expect((await call(stageUrl('/color'))).body).toEqual({ version: '1', color: 'red' });

    // Canary: v3 takes all the traffic with its own variable, then is promoted.
    await client.send(new PutRestApiCommand({ restApiId: id, mode: 'overwrite', body: enc(definition('3')) }));
    const d3 = await client.send(
      new CreateDeploymentCommand({ restApiId: id, stageName: 'prod', description: 'v3', canarySettings: { percentTraffic: 100, stageVariableOverrides: { color: 'blue' } } }),
    );
    const canary = await client.send(new GetStageCommand({ restApiId: id, stageName: 'prod' }));
    expect(canary.deploymentId).toBe(d1.id);
    expect(canary.canarySettings).toEqual({ deploymentId: d3.id, percentTraffic: 100, stageVariableOverrides: { color: 'blue' }, useStageCache: false });
    expect((await call(stageUrl('/color'))).body).toEqual({ version: '3', color: 'blue' });
    const promoted = await client.send(
      new UpdateStageCommand({
        restApiId: id,
        stageName: 'prod',
        patchOperations: [
          { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
          { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
          { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
        ],
      }),
    );
    expect(promoted.deploymentId).toBe(d3.id);
    expect(promoted.variables).toEqual({ color: 'blue' });
    await client.send(new UpdateStageCommand({ restApiId: id, stageName: 'prod', patchOperations: [{ op: 'remove', path: '/canarySettings' }] }));
    expect((await call(stageUrl('/color'))).body).toEqual({ version: '3', color: 'blue' });

    // Delete: refused while a stage uses the deployment; an unused one goes.
    const refused = await client.send(new DeleteDeploymentCommand({ restApiId: id, deploymentId: d3.id })).catch((e) => e);
    expect(refused.name).toBe('BadRequestException'); // as AWS answers it (recorded)
    expect(refused.message).toBe('Active stages pointing to this deployment must be moved or deleted');
    await client.send(new DeleteDeploymentCommand({ restApiId: id, deploymentId: d2.id }));
    const gone = await client.send(new GetDeploymentCommand({ restApiId: id, deploymentId: d2.id })).catch((e) => e);
    expect([gone.name, gone.message]).toEqual(['NotFoundException', 'Invalid Deployment identifier specified']);
    expect((await client.send(new GetDeploymentsCommand({ restApiId: id }))).items!.map((d) => d.id)).toEqual([d3.id, d1.id]);

    // Export the live stage.
    const oas = await client.send(new GetExportCommand({ restApiId: id, stageName: 'prod', exportType: 'oas30', parameters: { extensions: 'integrations' }, accepts: 'application/json' }));
    const doc = JSON.parse(new TextDecoder().decode(oas.body));
    expect(doc.info.version).toBe('3');
    expect(doc.paths['/color'].get['x-amazon-apigateway-integration'].type).toBe('mock');
    const swagger = await client.send(new GetExportCommand({ restApiId: id, stageName: 'prod', exportType: 'swagger', accepts: 'application/yaml' }));
    const yaml = new TextDecoder().decode(swagger.body);
    expect(yaml).toMatch(/^swagger: "?2\.0"?$/m);
    expect(yaml).not.toContain('x-amazon-apigateway');
    expect(swagger.contentType).toBe('application/yaml');

    // Every change is a stage commit by the caller, in core's history and native git's.
    const history = await getStageHistory({ fs, gitdir, stageName: 'prod' });
    expect(history.map((s) => s.author.name)).toEqual(Array(7).fill('AKIDSERVETEST'));
    const log = git(gitdir, 'log', '--first-parent', '--format=%an|%s', 'refs/stages/prod').trim().split('\n');
    const short = (d: { id?: string }) => d.id!.slice(0, 10);
    expect(log).toEqual([
      'update stage prod: remove /canarySettings',
      'update stage prod: copy /deploymentId, copy /variables, replace /canarySettings/percentTraffic=0.0',
      `canary prod: ${short(d3)} at 100% (v3)`,
      `update stage prod: replace /deploymentId=${d1.id}`,
      `deploy prod: ${short(d2)} (v2)`,
      'update stage prod: replace /*/*/throttling/rateLimit=100',
      `create stage prod: ${short(d1)} (v1)`,
      'v1', // the first state's first parent is its deployment
    ].map((subject) => `AKIDSERVETEST|${subject}`));
    fsck(gitdir);
  });
});
