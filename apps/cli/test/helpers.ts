import { spawnSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: ENV });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Same, asynchronously (for concurrent processes). */
export function gitwayAsync(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: ENV });
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
