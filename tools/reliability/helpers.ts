import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export const QUICK = process.env.RELIABILITY_QUICK === '1';
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'apps/cli/bin/gitway.js');
export const WORKERS = path.join(ROOT, 'tools/reliability/workers');
export const ENV = { ...process.env, NO_COLOR: '1', GITWAY_AUTHOR_NAME: 'Reliability', GITWAY_AUTHOR_EMAIL: 'rel@example.com', GITWAY_DEBUG: '' };

/** Prints the part's one-line summary now and records it for the end-of-run summary. */
export function report(part: string, line: string, ok: boolean): void {
  process.stdout.write(`[reliability] ${part}: ${line}\n`);
  fs.appendFileSync(inject('summaryFile'), JSON.stringify({ part, line, ok }) + '\n');
}

/** A temp directory removed when the process exits (kept with RELIABILITY_KEEP=1 for post-mortems). */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gitway-rel-${prefix}-`));
  if (process.env.RELIABILITY_KEEP !== '1') process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export { git } from '@gitway/test-utils';

/** `git fsck --strict` (optionally --connectivity-only): { ok, output }. */
export function fsck(gitdir: string, connectivityOnly = false): { ok: boolean; output: string } {
  const r = spawnSync('git', ['--git-dir', gitdir, 'fsck', '--strict', '--no-dangling', '--no-progress', ...(connectivityOnly ? ['--connectivity-only'] : [])], { encoding: 'utf8' });
  return { ok: r.status === 0 && !/error|missing|broken|bad /i.test(r.stderr + r.stdout), output: (r.stdout + r.stderr).trim() };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  signal: NodeJS.Signals | null;
}

/** Runs the built CLI (bounded by `timeout`). */
export function gitway(cwd: string, args: string[], timeout = 30_000): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: ENV, timeout });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', signal: r.signal };
}

/** Runs a worker script; resolves with its output (bounded by `timeout`, then SIGKILL). */
export function runNode(args: string[], timeout = 300_000): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, signal });
    });
  });
}

/** Every file under `dir` (relative path -> content) to prove a failure changed nothing. */
export { snapshotDir as snapshot } from '@gitway/test-utils';

/** Differences between two snapshots (empty = identical). */
export function snapshotDiff(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of a) if (b.get(k) !== v) out.push(b.has(k) ? `changed ${k}` : `removed ${k}`);
  for (const k of b.keys()) if (!a.has(k)) out.push(`added ${k}`);
  return out;
}

/** Resident set size of a process in MB. */
export function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
