// The binary itself, in real processes: what npm links, exit codes, the stdout/stderr
// split and signals. Behaviour is tested in-process elsewhere (helpers.ts `gitway`).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@gitway/test-utils';
import { BIN, ENV, initDemo, spawnGitway } from './helpers.js';

const SLOW = 60_000;

describe('the gitway binary', () => {
  it('prints the version from the committed bin shim', async () => {
    const r = await spawnGitway(tempDir('gitway-bin-'), {}, '--version');
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(BIN), '../package.json'), 'utf8'));
    expect(r).toEqual({ code: 0, stdout: `gitway ${pkg.version}\n`, stderr: '' });
  }, SLOW);

  it('exit codes and the stdout/stderr split: 0 success, 1 differences, 2 usage, 128 failure', async () => {
    const { dir } = await initDemo('gitway-bin-');
    const ok = await spawnGitway(dir, {}, 'deploy', '-m', 'v1', '--stage', 'prod', '--json');
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('');
    expect(Object.keys(JSON.parse(ok.stdout)).sort()).toEqual(['createdDate', 'description', 'id']);

    const api = path.join(dir, 'api.yaml');
    fs.writeFileSync(api, fs.readFileSync(api, 'utf8').replace('title: PetStore', 'title: PetStore 2'));
    const differs = await spawnGitway(dir, {}, 'diff', '--exit-code', '--name-only');
    expect(differs.code).toBe(1);
    expect(differs.stderr).toBe('');

    const usage = await spawnGitway(dir, {}, 'deploy', '--bogus');
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toBe('usage: Unknown argument: bogus\nSee gitway --help\n');

    const failed = await spawnGitway(dir, {}, 'stage', 'show', 'nope');
    expect(failed.code).toBe(128);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(/^error: .*'nope'.* \[NotFoundError\]\n$/);
  }, SLOW);

  it('a missing build is one line naming npm run build, never a stack', async () => {
    // The shim as installed, beside a package without dist/.
    const pkg = tempDir('gitway-bin-');
    fs.mkdirSync(path.join(pkg, 'bin'));
    fs.copyFileSync(BIN, path.join(pkg, 'bin', 'gitway.js'));
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ type: 'module' }));
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(pkg, 'bin', 'gitway.js'), 'status'], { env: ENV });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(r.code).toBe(128);
    expect(r.stderr).toBe('error: gitway is not built (apps/cli/dist/bundle/main.js is missing): run `npm run build` [NotBuiltError]\n');
  }, SLOW);

  it('preview stops cleanly on SIGTERM', async () => {
    const { dir } = await initDemo('gitway-bin-');
    const child = spawn(process.execPath, [BIN, 'preview', '--port', '0', '--json'], { cwd: dir, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const started = await new Promise<{ url: string }>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        if (stdout.includes('\n')) resolve(JSON.parse(stdout.split('\n')[0]));
      });
      child.on('close', (code) => reject(new Error(`preview exited early (${code})`)));
    });
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${started.url}/nostage/x`);
    expect(res.status).toBe(403);
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await closed).toBe(0);
  }, SLOW);
});
