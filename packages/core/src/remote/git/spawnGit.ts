import { spawn } from 'node:child_process';
import type { GitResult, GitRun } from './runGit.js';

/** Kills git and, when it leads its own process group (detached), everything it started. */
function kill(pid: number | undefined, group: boolean): void {
  if (!pid) return;
  try {
    process.kill(group ? -pid : pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * The default GitRunner: node:child_process `spawn('git', ...)`, stdin closed, stdout
 * collected (bounded), stderr split into lines as it arrives; killed after `idleTimeoutMs`
 * without output.
 *
 * @example
 * const r = await spawnGit({ args: ['--version'], env: { PATH: process.env.PATH! }, idleTimeoutMs: 10_000, detached: true, maxStdoutBytes: 1e6 });
 * r.stdout; // 'git version 2.39.5\n'
 */
export function spawnGit(run: GitRun): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = spawn('git', run.args, { cwd: run.cwd, env: run.env, stdio: ['ignore', 'pipe', 'pipe'], detached: run.detached });
    const out: Buffer[] = [];
    let outBytes = 0;
    const errLines: string[] = [];
    let partial = '';
    let timedOut = false;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        kill(child.pid, run.detached);
      }, run.idleTimeoutMs);
    };
    arm();
    child.stdout.on('data', (chunk: Buffer) => {
      arm();
      outBytes += chunk.length;
      if (outBytes > run.maxStdoutBytes) {
        stopped = true;
        kill(child.pid, run.detached);
      } else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      arm();
      const parts = (partial + chunk.toString('utf8')).split(/\r\n|\r|\n/);
      partial = parts.pop()!;
      for (const line of parts) {
        if (!line.trim()) continue;
        errLines.push(line);
        if (errLines.length > 200) errLines.shift();
        if (run.onStderrLine?.(line) === false && !stopped) {
          stopped = true;
          kill(child.pid, run.detached);
        }
      }
    });
    let finished = false;
    const done = (code: number | null, spawnError?: string): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (partial.trim()) errLines.push(partial);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: errLines, timedOut, stopped, spawnError });
    };
    child.on('error', (err) => done(null, (err as NodeJS.ErrnoException).code ?? 'spawn failed'));
    child.on('close', (code) => done(code));
  });
}
