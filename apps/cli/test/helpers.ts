import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '@gitway/test-utils';
import { execute } from '../src/execute.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The binary as npm links it (a committed shim that loads dist/bundle/main.js). */
export const BIN = path.resolve(here, '../bin/gitway.js');
export const EXAMPLES = path.resolve(here, '../../../examples/petstore');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment every CLI test runs with: fixed author, no colour, no debug, no credentials. */
export const ENV: NodeJS.ProcessEnv = {
  ...process.env,
  NO_COLOR: '1',
  GITWAY_AUTHOR_NAME: 'CLI Test',
  GITWAY_AUTHOR_EMAIL: 'cli@example.com',
  GITWAY_DEBUG: '',
  GITWAY_DIR: '',
  GITWAY_TOKEN: '',
  GITWAY_USERNAME: '',
  GITWAY_PASSWORD: '',
};

/** Runs a gitway command line in this process, as the binary would, and collects its output. */
export function gitway(cwd: string, ...args: string[]): Promise<Run> {
  return gitwayEnv(cwd, {}, ...args);
}

/** Same, with extra environment variables. */
export async function gitwayEnv(cwd: string, env: Record<string, string>, ...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await execute(args, { cwd, env: { ...ENV, ...env }, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** Runs the real binary in a child process (exit codes, signals, concurrency between processes). */
export function spawnGitway(cwd: string, env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 + 15 : -1), stdout, stderr }));
  });
}

/** Runs gitway expecting success; returns parsed --json output. */
export async function json<T = any>(cwd: string, ...args: string[]): Promise<T> {
  const r = await gitway(cwd, ...args, '--json');
  if (r.code !== 0) throw new Error(`gitway ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/**
 * A temp directory (removed after the test) holding examples/petstore/v1.yaml as api.yaml
 * and a fresh repository made by `gitway init`.
 */
export async function initDemo(prefix = 'gitway-cli-'): Promise<{ dir: string; gitdir: string; api: string }> {
  const dir = tempDir(prefix);
  const api = path.join(dir, 'api.yaml');
  fs.copyFileSync(path.join(EXAMPLES, 'v1.yaml'), api);
  const r = await gitway(dir, 'init');
  if (r.code !== 0) throw new Error(`gitway init failed: ${r.stderr}`);
  return { dir, gitdir: path.join(dir, '.gitway'), api };
}
