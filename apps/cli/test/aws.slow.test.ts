import { describe, expect, it, onTestFinished } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { colorsDefinition, tempDir } from '@gitway/test-utils';
import { createServeServer } from '@gitway/serve';
import { spawnGitway } from './helpers.js';

const run = promisify(execFile);

const definition = colorsDefinition;

describe('gitway aws push, read back by the AWS CLI', () => {
  it('the binary pushes v1, v2 and a rollback to gitway serve; aws apigateway get-stage and get-deployments see the result', async () => {
    try {
      await run('aws', ['--version']);
    } catch {
      throw new Error('the AWS CLI is needed by this test (Debian: apt-get install -y awscli; .ci/run installs it)');
    }
    const server = await createServeServer({ root: tempDir('gitway-aws-slow-serve-'), port: 0, log: () => {} });
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const home = tempDir('gitway-aws-slow-home-');
    fs.writeFileSync(path.join(home, 'config'), '[default]\nregion = us-east-1\noutput = json\n');
    fs.writeFileSync(path.join(home, 'credentials'), '[default]\naws_access_key_id = AKIDSLOWTEST\naws_secret_access_key = slow-secret\n');
    // Credentials and region from the shared files, as the SDK chain and the AWS CLI both read them.
    const env: Record<string, string> = { AWS_CONFIG_FILE: path.join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true', AWS_PAGER: '' };
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_'))) as Record<string, string>;
    const apigw = async (...args: string[]) => JSON.parse((await run('aws', ['apigateway', ...args, '--endpoint-url', url], { env: { ...clean, ...env } })).stdout);
    const { id } = await apigw('create-rest-api', '--name', 'colors');

    const dir = tempDir();
    const gitway = async (...args: string[]) => {
      const r = await spawnGitway(dir, { ...clean, ...env }, ...args);
      if (r.code !== 0) throw new Error(`gitway ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
      return r;
    };
    fs.writeFileSync(path.join(dir, 'api.json'), definition('1'));
    await gitway('init', '--definition', 'api.json');
    await gitway('deploy', '-m', 'v1', '--stage', 'prod', '--variables', 'color=red');
    const first = await gitway('aws', 'push', 'prod', '--rest-api-id', id, '--endpoint-url', url);
    // Each call is printed as it is made (stderr), the summary on stdout.
    expect(first.stderr.split('\n').map((l) => l.split(' ')[1])).toEqual(['PutRestApi', 'CreateDeployment', 'CreateStage', undefined]);
    expect(first.stdout).toMatch(new RegExp(`^pushed stage prod to REST API ${id} \\(us-east-1\\): 1 new deployment, create stage prod on [0-9a-f]{10}\n`));
    fs.writeFileSync(path.join(dir, 'api.json'), definition('2'));
    await gitway('deploy', '-m', 'v2', '--stage', 'prod');
    await gitway('aws', 'push', 'prod', '--rest-api-id', id, '--endpoint-url', url);
    await gitway('rollback', 'prod');
    const rollback = await gitway('aws', 'push', 'prod', '--rest-api-id', id, '--endpoint-url', url, '--json');
    expect(JSON.parse(rollback.stdout).done).toEqual([{ operation: 'UpdateStage' }]);

    const deployments = (await apigw('get-deployments', '--rest-api-id', id)).items as { id: string; description: string }[];
    const v1 = deployments.find((d) => d.description.startsWith('v1 (gitway '))!;
    expect(deployments.map((d) => d.description.replace(/[0-9a-f]{40}/, 'ID')).sort()).toEqual(['v1 (gitway ID)', 'v2 (gitway ID)']);
    const stage = await apigw('get-stage', '--rest-api-id', id, '--stage-name', 'prod');
    expect([stage.deploymentId, stage.variables]).toEqual([v1.id, { color: 'red' }]);
    expect(await (await fetch(`${url}/restapis/${id}/prod/_user_request_/color`)).json()).toEqual({ version: '1', color: 'red' });
    expect((await gitway('aws', 'status', 'prod', '--rest-api-id', id, '--endpoint-url', url)).stdout).toBe(`stage prod is in sync with REST API ${id}\n`);
  }, 240_000);
});
