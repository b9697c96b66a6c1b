import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, gitway, initDemo } from './helpers.js';

/** Starts `gitway preview ARGS` and resolves with its stdout and stderr once it prints its listening line, then stops it. */
function previewBanner(cwd: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'preview', '--port', '0', ...args], { cwd, env: { ...process.env, NO_COLOR: '1', GITWAY_DASHBOARD_TOKEN: '' } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`no banner: ${stderr}`))), 20_000);
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('dashboard')) child.kill('SIGTERM');
    });
    child.on('close', () => (clearTimeout(timer), resolve({ stdout, stderr })));
  });
}

describe('gitway preview --host', () => {
  it('a non-loopback bind warns and keeps the dashboard off without --dashboard-token', async () => {
    const { dir } = await initDemo('gitway-cli-exposure-');
    const off = await previewBanner(dir, ['--host', '0.0.0.0']);
    expect(off.stderr).toContain('warning: gitway preview is bound to 0.0.0.0, not loopback: every stage is reachable from the network; the dashboard is off (give --dashboard-token to serve it)');
    expect(off.stdout).toContain('dashboard    off on this address (start with --dashboard-token TOKEN to serve it)');
    const on = await previewBanner(dir, ['--host', '0.0.0.0', '--dashboard-token', 's3cret']);
    expect(on.stderr).toContain('; the dashboard requires the token');
    expect(on.stdout).toMatch(/dashboard {4}http:\/\/0\.0\.0\.0:\d+\/_gitway\/\?token=s3cret/);
    const loopback = await previewBanner(dir, []);
    expect(loopback.stderr).not.toContain('warning');
  });
});

describe('gitway preview --blocked-limit', () => {
  it('refuses a limit that is not a number of milliseconds, before serving anything', async () => {
    const { dir } = await initDemo('gitway-cli-blocked-');
    const r = await gitway(dir, 'preview', '--port', '0', '--blocked-limit', '-5');
    expect([r.code, r.stderr.trim()]).toEqual([2, 'usage: --blocked-limit must be a number of milliseconds (0 = no worker threads), not -5\nSee gitway --help']);
  });
});
