import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fsck, git, gitAsync, startGitHttpServer, tempDir } from '@gitway/test-utils';
import { EXAMPLES, gitway, gitwayEnv } from './helpers.js';

// The git server runs in this process, so every command runs asynchronously in-process.
const run = (cwd: string, env: Record<string, string>, ...args: string[]) => gitwayEnv(cwd, env, ...args);

describe('gitway remote / push / fetch / pull / clone (built binary, real git http-backend)', () => {
  it('shares deployments and stages through a git server without printing secrets', async () => {
    const token = 'tok-9f8e7d6c5b4a';
    const server = await startGitHttpServer({ root: tempDir('gitway-srv-'), auth: { username: 'ci', password: token } });
    server.createRepo('petstore.git');
    const url = server.url('petstore.git');

    const a = tempDir('gitway-cli-');
    fs.copyFileSync(path.join(EXAMPLES, 'v1.yaml'), path.join(a, 'api.yaml'));
    expect((await gitway(a, 'init')).code).toBe(0);
    expect((await gitway(a, 'deploy', '-m', 'v1', '--stage', 'prod')).code).toBe(0);
    expect(JSON.parse((await gitway(a, 'remote', 'add', 'origin', url, '--json')).stdout)).toEqual({ name: 'origin', url });

    const denied = await run(a, { GITWAY_TOKEN: 'wrong-secret-123' }, 'push', '--stage', 'prod');
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(/^error: authentication failed for .* \[AuthenticationError\]\n$/);
    expect(denied.stderr + denied.stdout).not.toContain('wrong-secret-123');

    const pushed = await run(a, { GITWAY_USERNAME: 'ci', GITWAY_TOKEN: token }, 'push', '--stage', 'prod', '--json');
    expect(pushed.code, pushed.stderr).toBe(0);
    const out = JSON.parse(pushed.stdout);
    expect(out.url).toBe(url);
    // The source document of the deployment travels with it (refs/gitway/sources/<deployment id>).
    const v1 = git(path.join(a, '.gitway'), 'rev-parse', 'refs/heads/main').trim();
    expect(out.updates.map((u: any) => [u.ref, u.status])).toEqual([['refs/heads/main', 'created'], ['refs/stages/prod', 'created'], [`refs/gitway/sources/${v1}`, 'created']]);
    expect(Object.keys(out.updates[0]).sort()).toEqual(['new', 'old', 'ref', 'status']);
    expect(pushed.stdout + pushed.stderr).not.toContain(token);
    const lsRemote = await gitAsync(['ls-remote', server.url('petstore.git', { username: 'ci', password: token })]);
    expect(lsRemote).toContain(`${git(path.join(a, '.gitway'), 'rev-parse', 'refs/stages/prod').trim()}\trefs/stages/prod`);

    // Clone with the token in the URL: it never shows up in the output.
    const parent = tempDir('gitway-cli-');
    const cloned = await run(parent, {}, 'clone', server.url('petstore.git', { username: 'ci', password: token }), 'b', '--json');
    expect(cloned.code, cloned.stderr).toBe(0);
    expect(cloned.stdout + cloned.stderr).not.toContain(token);
    const c = JSON.parse(cloned.stdout);
    expect(c.url).toBe(url);
    expect(c.definition).toBe(path.join(parent, 'b', 'api.yaml'));
    const b = path.join(parent, 'b');
    expect(fs.readFileSync(path.join(b, 'api.yaml'), 'utf8')).toContain('openapi');
    expect(JSON.parse((await gitway(b, 'stage', 'list', '--json')).stdout).item.map((s: any) => s.stageName)).toEqual(['prod']);
    expect((await gitway(b, 'remote', 'list')).stdout).not.toContain(token);
    fsck(path.join(b, '.gitway'));

    // b moves prod and pushes (credentials from its URL); a pulls it (token from the env).
    expect((await gitway(b, 'stage', 'update', 'prod', '--variables', 'backend=http://127.0.0.1:9999')).code).toBe(0);
    const bPush = await run(b, {}, 'push', '--stage', 'prod');
    expect(bPush.code, bPush.stderr).toBe(0);
    expect(bPush.stdout).toContain('fast-forward');
    const pulled = await run(a, { GITWAY_TOKEN: token, GITWAY_USERNAME: 'ci' }, 'pull', '--json');
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(JSON.parse(pulled.stdout).updates.find((u: any) => u.ref === 'refs/stages/prod').status).toBe('fast-forward');
    const fp = (dir: string) => git(path.join(dir, '.gitway'), 'log', '--first-parent', '--format=%H', 'refs/stages/prod');
    expect(fp(a)).toBe(fp(b));

    // b deploys v2 on main and pushes; a's working definition is clean, so pull moves it too (as git pull does).
    fs.copyFileSync(path.join(EXAMPLES, 'v2.yaml'), path.join(b, 'api.yaml'));
    expect((await gitway(b, 'deploy', '-m', 'v2')).code).toBe(0);
    expect((await run(b, {}, 'push')).code).toBe(0);
    const pulled2 = await run(a, { GITWAY_TOKEN: token, GITWAY_USERNAME: 'ci' }, 'pull', '--json');
    expect(pulled2.code, pulled2.stderr).toBe(0);
    expect(JSON.parse(pulled2.stdout).workingDefinitionUpdated).toBe(true);
    expect(fs.readFileSync(path.join(a, 'api.yaml'), 'utf8')).toContain('/health');
    expect(JSON.parse((await gitway(a, 'status', '--json')).stdout).undeployedChanges).toBe(0);
    // With undeployed edits in a's working definition, pull moves the branch but leaves the file.
    const edited = fs.readFileSync(path.join(a, 'api.yaml'), 'utf8').replace('Liveness probe (new in v2)', 'edited locally');
    fs.writeFileSync(path.join(a, 'api.yaml'), edited);
    fs.writeFileSync(path.join(b, 'api.yaml'), fs.readFileSync(path.join(b, 'api.yaml'), 'utf8').replace('timeoutInMillis: 3000', 'timeoutInMillis: 2500'));
    expect((await gitway(b, 'deploy', '-m', 'v3')).code).toBe(0);
    expect((await run(b, {}, 'push')).code).toBe(0);
    const pulled3 = await run(a, { GITWAY_TOKEN: token, GITWAY_USERNAME: 'ci' }, 'pull');
    expect(pulled3.code, pulled3.stderr).toBe(0);
    expect(pulled3.stdout).toMatch(/undeployed change\(s\) and was left as it is/);
    expect(fs.readFileSync(path.join(a, 'api.yaml'), 'utf8')).toBe(edited);

    // A stale push is refused with a one-line hint.
    expect((await gitway(a, 'stage', 'update', 'prod', '--variables', 'x=1')).code).toBe(0);
    expect((await gitway(b, 'stage', 'update', 'prod', '--variables', 'x=2')).code).toBe(0);
    expect((await run(b, {}, 'push', '--stage', 'prod')).code).toBe(0);
    const stale = await run(a, { GITWAY_TOKEN: token, GITWAY_USERNAME: 'ci' }, 'push', '--stage', 'prod');
    expect(stale.code).not.toBe(0);
    expect(stale.stderr).toMatch(/gitway fetch.*\[NonFastForwardError\]\n$/);
  });
});
