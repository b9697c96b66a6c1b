import { describe, expect, it, onTestFinished } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { colorsDefinition, git, tempDir } from '@gitway/test-utils';
import { createServeServer } from '@gitway/serve';
import { gitway, gitwayEnv } from './helpers.js';

const definition = colorsDefinition;

/** The SDK's credential chain reads the process environment: a key for this test, restored after. */
function awsEnvironment(): void {
  const saved = { ...process.env };
  onTestFinished(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
  const home = tempDir('gitway-aws-cli-home-');
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIDCLITEST', AWS_SECRET_ACCESS_KEY: 'cli-secret', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
  });
}

async function serve(): Promise<{ url: string; restApiId: string }> {
  const server = await createServeServer({ root: tempDir('gitway-aws-cli-serve-'), port: 0, log: () => {} });
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const created = await fetch(`${url}/restapis`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'colors' }) });
  return { url, restApiId: ((await created.json()) as { id: string }).id };
}

describe('gitway aws', () => {
  it('status, push --dry-run, push, rollback + push, pull: one line per call and exit codes as documented', async () => {
    awsEnvironment();
    const { url, restApiId } = await serve();
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'api.json'), definition('1'));
    expect((await gitway(dir, 'init', '--definition', 'api.json')).code).toBe(0);
    expect((await gitway(dir, 'deploy', '-m', 'v1', '--stage', 'prod', '--variables', 'color=red')).code).toBe(0);
    const target = ['--rest-api-id', restApiId, '--endpoint-url', url];
    const v1 = (await gitway(dir, 'log', '--json')).stdout;
    const v1id: string = JSON.parse(v1).items[0].id;

    const missing = await gitway(dir, 'aws', 'status', 'prod', ...target);
    expect(missing).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        `stage prod differs from REST API ${restApiId}:`,
        '  stage: missing on AWS',
        `  definition: deployment ${v1id.slice(0, 10)} is not on AWS`,
        `run 'gitway aws push prod --rest-api-id ${restApiId}' to make AWS match`,
        '',
      ].join('\n'),
    });

    const plan = await gitway(dir, 'aws', 'push', 'prod', ...target, '--dry-run');
    expect(plan.code).toBe(0);
    expect(plan.stdout.split('\n').slice(0, 3)).toEqual([
      `stage prod of REST API ${restApiId} (us-east-1): 3 calls to make`,
      expect.stringMatching(new RegExp(`^  1\\. PutRestApi restApiId=${restApiId} mode=overwrite body=<OpenAPI 3\\.0 export of ${v1id.slice(0, 10)}, \\d+ bytes>$`)),
      `  2. CreateDeployment restApiId=${restApiId} description="v1 (gitway ${v1id})"`,
    ]);
    expect((await gitway(dir, 'aws', 'status', 'prod', ...target)).code).toBe(1);

    const pushed = await gitway(dir, 'aws', 'push', 'prod', ...target, '--quiet');
    expect(pushed).toEqual({ code: 0, stdout: '', stderr: '' });
    const inSync = await gitway(dir, 'aws', 'status', 'prod', ...target);
    expect(inSync).toEqual({ code: 0, stdout: `stage prod is in sync with REST API ${restApiId}\n`, stderr: '' });

    fs.writeFileSync(path.join(dir, 'api.json'), definition('2'));
    expect((await gitway(dir, 'deploy', '-m', 'v2', '--stage', 'prod')).code).toBe(0);
    const v2push = await gitway(dir, 'aws', 'push', 'prod', ...target, '--json');
    expect(JSON.parse(v2push.stdout).done.map((d: { operation: string }) => d.operation)).toEqual(['PutRestApi', 'CreateDeployment', 'UpdateStage']);
    expect((await gitway(dir, 'rollback', 'prod')).code).toBe(0);
    const back = await gitway(dir, 'aws', 'push', 'prod', ...target, '--json');
    expect(JSON.parse(back.stdout).done).toEqual([{ operation: 'UpdateStage' }]);
    const res = await fetch(`${url}/restapis/${restApiId}/prod/_user_request_/color`);
    expect(await res.json()).toEqual({ version: '1', color: 'red' });

    // Adopt it elsewhere.
    const other = tempDir();
    expect((await gitway(other, 'init')).code).toBe(0);
    const pulled = await gitway(other, 'aws', 'pull', ...target);
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toMatch(new RegExp(`^pulled REST API ${restApiId} into branch aws/${restApiId}\n`));
    expect(pulled.stdout).toContain('  stage prod: created, serves ');
    expect(pulled.stdout).toMatch(/ {2}not importable: deployment [0-9a-f]{40} \(v2 \(gitway [0-9a-f]{40}\)\): no stage serves it, so AWS cannot export it\n$/);
    expect((await gitway(other, 'aws', 'status', 'prod', ...target)).code).toBe(0);
  });

  it('bad input and faults are one line with a code, and the repository is left as it was', async () => {
    awsEnvironment();
    const { url, restApiId } = await serve();
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'api.json'), definition('1'));
    await gitway(dir, 'init', '--definition', 'api.json');
    await gitway(dir, 'deploy', '-m', 'v1', '--stage', 'prod');
    const refs = git(path.join(dir, '.gitway'), 'for-each-ref');
    const unknown = await gitway(dir, 'aws', 'push', 'prod', '--rest-api-id', 'nosuchapi1', '--endpoint-url', url);
    expect(unknown).toEqual({ code: 128, stdout: '', stderr: 'error: REST API nosuchapi1 not found in us-east-1 (NotFoundException: Invalid API identifier specified 000000000000:nosuchapi1) [NotFoundError]\n' });
    const noStage = await gitway(dir, 'aws', 'push', 'qa', '--rest-api-id', restApiId, '--endpoint-url', url);
    expect([noStage.code, noStage.stderr]).toEqual([128, expect.stringMatching(/^error: .*qa.* \[NotFoundError\]\n$/)]);
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    const noCredentials = await gitwayEnv(dir, {}, 'aws', 'push', 'prod', '--rest-api-id', restApiId, '--endpoint-url', url);
    expect([noCredentials.code, noCredentials.stderr]).toEqual([128, expect.stringMatching(/^error: no AWS credentials found \(environment, shared config\/credentials files, profile, SSO\): .* \[AwsCredentialsError\]\n$/)]);
    const unreachable = await gitway(dir, 'aws', 'status', 'prod', '--rest-api-id', restApiId, '--endpoint-url', 'http://127.0.0.1:1', '--region', 'us-east-1');
    expect(unreachable.code).toBe(128);
    const usage = await gitway(dir, 'aws', 'push', 'prod');
    expect([usage.code, usage.stderr.split('\n')[0]]).toEqual([2, 'usage: Missing required argument: rest-api-id']);
    expect(git(path.join(dir, '.gitway'), 'for-each-ref')).toBe(refs);
  });
});
