import { describe, expect, it, onTestFinished } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fsck, git, tempDir } from '@gitway/test-utils';
import { BIN, gitway, json } from './helpers.js';

const run = promisify(execFile);

/**
 * `gitway serve --port 0 --json` as a child process; resolves with its URL once it listens, and
 * `stop()`: SIGTERM, as Ctrl-C or a service manager sends it, resolving with the exit code.
 */
async function serve(root: string): Promise<{ url: string; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--root', root, '--port', '0', '--json'], { env: { ...process.env, NO_COLOR: '1' } });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  onTestFinished(() => void child.kill('SIGKILL'));
  let stderr = '';
  let out = '';
  const line = await new Promise<string>((resolve, reject) => {
    const ready = (_: string) => {
      if (out.includes('\n') && stderr.includes('\n')) resolve(out.split('\n')[0]);
    };
    child.stdout.on('data', (d) => ready((out += d)));
    child.stderr.on('data', (d) => ready((stderr += d)));
    child.on('exit', (code) => reject(new Error(`gitway serve exited ${code}: ${stderr}`)));
  });
  expect(stderr).toBe('warning: no --credentials: any SigV4 signature is accepted (loopback only)\n');
  const stop = async () => {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return { url: JSON.parse(line).url, stop };
}

/** A definition whose MOCK answer shows its version and the stage variable `color`. */
function definition(version: string): string {
  return JSON.stringify({
    openapi: '3.0.1',
    info: { title: 'colors', version },
    paths: {
      '/color': {
        get: {
          responses: { '200': { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
            responses: { default: { statusCode: '200', responseTemplates: { 'application/json': `{"version": "${version}", "color": "$stageVariables.color"}` } } },
          },
        },
      },
    },
  });
}

describe('gitway serve with the AWS CLI', () => {
  it('create-rest-api, put-rest-api, create-deployment, get-stages, update-stage, delete-deployment, get-export work with --endpoint-url; gitway stage history shows the changes', async () => {
    try {
      await run('aws', ['--version']);
    } catch {
      throw new Error("the AWS CLI is needed by this test (Debian: apt-get install -y awscli; .ci/run installs it)");
    }
    const root = tempDir('gitway-serve-cli-');
    const work = tempDir('gitway-serve-aws-');
    fs.writeFileSync(path.join(work, 'config'), '[default]\nregion = us-east-1\noutput = json\n');
    fs.writeFileSync(path.join(work, 'v1.json'), definition('1'));
    fs.writeFileSync(path.join(work, 'v2.json'), definition('2'));
    const { url, stop } = await serve(root);
    const env = {
      ...process.env, AWS_ACCESS_KEY_ID: 'AKIDAWSCLI', AWS_SECRET_ACCESS_KEY: 'fake-secret', AWS_SESSION_TOKEN: '', AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: path.join(work, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(work, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true', AWS_PAGER: '', AWS_PROFILE: '',
    };
    delete (env as Record<string, string | undefined>).AWS_PROFILE;
    delete (env as Record<string, string | undefined>).AWS_SESSION_TOKEN;
    const apigw = async (...args: string[]) => {
      const { stdout } = await run('aws', ['apigateway', ...args, '--endpoint-url', url], { env, cwd: work });
      return stdout.trim() ? JSON.parse(stdout) : null;
    };
    const live = async () => (await fetch(`${url}/restapis/${id}/prod/_user_request_/color`)).json();

    const { id } = await apigw('create-rest-api', '--name', 'colors', '--description', 'made by the AWS CLI');
    expect(id).toMatch(/^[a-z0-9]{10}$/);
    expect((await apigw('put-rest-api', '--rest-api-id', id, '--mode', 'overwrite', '--body', 'fileb://v1.json')).name).toBe('colors');
    const d1 = await apigw('create-deployment', '--rest-api-id', id, '--stage-name', 'prod', '--description', 'v1', '--variables', 'color=red');
    expect(await live()).toEqual({ version: '1', color: 'red' });
    await apigw('put-rest-api', '--rest-api-id', id, '--mode', 'overwrite', '--body', 'fileb://v2.json');
    const d2 = await apigw('create-deployment', '--rest-api-id', id, '--stage-name', 'prod', '--description', 'v2');
    expect(await live()).toEqual({ version: '2', color: 'red' });
    expect((await apigw('get-stages', '--rest-api-id', id)).item.map((s: { stageName: string; deploymentId: string }) => [s.stageName, s.deploymentId])).toEqual([['prod', d2.id]]);
    const rolled = await apigw('update-stage', '--rest-api-id', id, '--stage-name', 'prod', '--patch-operations', `op=replace,path=/deploymentId,value=${d1.id}`);
    expect(rolled.deploymentId).toBe(d1.id);
    expect(await live()).toEqual({ version: '1', color: 'red' });
    const refused = await run('aws', ['apigateway', 'delete-deployment', '--rest-api-id', id, '--deployment-id', d1.id, '--endpoint-url', url], { env }).catch((e) => e);
    expect(refused.stderr).toContain('(BadRequestException) when calling the DeleteDeployment operation: Active stages pointing to this deployment must be moved or deleted');
    expect(await apigw('delete-deployment', '--rest-api-id', id, '--deployment-id', d2.id)).toBe(null);
    await apigw('get-export', '--rest-api-id', id, '--stage-name', 'prod', '--export-type', 'oas30', '--parameters', 'extensions=integrations', 'export.json');
    const exported = JSON.parse(fs.readFileSync(path.join(work, 'export.json'), 'utf8'));
    expect([exported.info.version, exported.paths['/color'].get['x-amazon-apigateway-integration'].type]).toEqual(['1', 'mock']);

    // The same changes, seen by gitway and native git.
    const repo = path.join(root, id);
    expect((await json(repo, 'status')).restApiId).toBe(id);
    const history = (await json(repo, 'stage', 'history', 'prod')).items;
    expect(history.map((s: { author: { name: string }; message: string }) => [s.author.name, s.message])).toEqual([
      ['AKIDAWSCLI', `update stage prod: replace /deploymentId=${d1.id}`],
      ['AKIDAWSCLI', `deploy prod: ${d2.id.slice(0, 10)} (v2)`],
      ['AKIDAWSCLI', `create stage prod: ${d1.id.slice(0, 10)} (v1)`],
    ]);
    expect((await gitway(repo, 'stage', 'history', 'prod')).stdout).toContain('AKIDAWSCLI');
    expect(git(path.join(repo, '.gitway'), 'log', '--first-parent', '--format=%an %s', 'refs/stages/prod', '-1').trim()).toBe(`AKIDAWSCLI update stage prod: replace /deploymentId=${d1.id}`);
    fsck(path.join(repo, '.gitway'));

    // SIGTERM ends the server, its stage workers included (they kept it alive once data-plane requests had been served).
    expect(await stop()).toBe(0);
  }, 120_000);
});
