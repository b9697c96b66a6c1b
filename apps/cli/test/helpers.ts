import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '@gitway/test-utils';

export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/index.js');
export const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/petstore');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const ENV = { ...process.env, NO_COLOR: '1', GITWAY_AUTHOR_NAME: 'CLI Test', GITWAY_AUTHOR_EMAIL: 'cli@example.com', GITWAY_DEBUG: '' };

/** Runs the built `gitway` binary as a user would. */
export function gitway(cwd: string, ...args: string[]): Run {
  return gitwayEnv(cwd, {}, ...args);
}

/** Same, with extra environment variables. */
export function gitwayEnv(cwd: string, env: Record<string, string>, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...ENV, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Same, asynchronously (for concurrent processes). */
export function gitwayAsync(cwd: string, ...args: string[]): Promise<Run> {
  return gitwayAsyncEnv(cwd, {}, ...args);
}

/** Asynchronously with extra environment variables (a server in the test's own process must not be blocked). */
export function gitwayAsyncEnv(cwd: string, env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...ENV, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs gitway expecting success; returns parsed --json output. */
export function json<T = any>(cwd: string, ...args: string[]): T {
  const r = gitway(cwd, ...args, '--json');
  if (r.code !== 0) throw new Error(`gitway ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/**
 * A temp directory (removed after the test) holding examples/petstore/v1.yaml as api.yaml
 * and a fresh repository made by `gitway init`.
 */
export function initDemo(prefix = 'gitway-cli-'): { dir: string; gitdir: string; api: string } {
  const dir = tempDir(prefix);
  const api = path.join(dir, 'api.yaml');
  fs.copyFileSync(path.join(EXAMPLES, 'v1.yaml'), api);
  const r = gitway(dir, 'init');
  if (r.code !== 0) throw new Error(`gitway init failed: ${r.stderr}`);
  return { dir, gitdir: path.join(dir, '.gitway'), api };
}
