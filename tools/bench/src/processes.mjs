// Child processes of the benchmark (servers, the CLI) and the load generator.
import fs from 'node:fs';
import net from 'node:net';
import http from 'node:http';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../../..');
export const BIN = path.join(ROOT, 'apps/cli/bin/gitway.js');
export const ENV = { ...process.env, NO_COLOR: '1', GITWAY_AUTHOR_NAME: 'Bench', GITWAY_AUTHOR_EMAIL: 'bench@example.com', GITWAY_DEBUG: '' };

/** A part of gitway the benchmark needs is not there yet: the row reads "n/a (not built)". */
export class NotBuilt extends Error {}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs the built CLI; throws on a non-zero exit. */
export function cli(cwd, ...args) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: ENV, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`gitway ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** Wall time (ms) of one process run to its exit. */
export function timeSpawn(cmd, args, cwd) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, env: ENV, stdio: 'ignore', timeout: 30_000 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} exited ${r.status}`);
  return ms;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** One GET on a fresh connection: { statusCode, headers, body }. */
export function get(url, timeout = 10_000, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ statusCode: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: timeout`)));
    req.on('error', reject);
  });
}

const children = new Set();

/** Kills every child this process started (by pid). */
export function stopAll() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
}

/** Starts a node server process on a free port and waits (30 s at most) until it answers HTTP. */
export async function startServer(via, args, { cwd = ROOT, portArg } = {}) {
  const port = await freePort();
  const finalArgs = args.map((a) => (a === '0' || a === portArg ? String(port) : a));
  const child = spawn(process.execPath, finalArgs, { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  child.stdout.on('data', (d) => (output = (output + d).slice(-4000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${via} exited ${child.exitCode}: ${output}`);
    try {
      await get(`${url}/`, 2000);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${via} did not answer on ${url} within 30 s: ${output}`);
      await sleep(50);
    }
  }
  return {
    url,
    pid: child.pid,
    via,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      children.delete(child);
    },
  };
}

/** Serves every stage of the repository in `dir`: `gitway preview` when the CLI has it, else createPreviewServer. */
export async function startPreview(dir, extra = []) {
  if (fs.existsSync(path.join(ROOT, 'apps/cli/dist/specs/preview.js'))) {
    return startServer('gitway preview', [BIN, 'preview', '--port', '0', '--host', '127.0.0.1', ...extra], { cwd: dir });
  }
  if (fs.existsSync(path.join(ROOT, 'apps/preview/dist/index.js'))) {
    return startServer('createPreviewServer', [path.join(here, 'previewServer.mjs'), path.join(dir, '.gitway'), '0'], { cwd: dir });
  }
  throw new NotBuilt('preview (apps/preview or `gitway preview`) not built');
}

/** autocannon for `warmup` then `duration` seconds: { rps, p99, total, errors, non2xx }. */
export async function load(url, { connections, duration, warmup }, headers) {
  if (warmup) await autocannon({ url, connections, duration: warmup, headers });
  const r = await autocannon({ url, connections, duration, headers });
  return { rps: r.requests.average, p99: r.latency.p99, total: r.requests.total, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

/** Resident set size of a process in MB (Linux /proc). */
export function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kb / 1024;
}

/** CPU time (user + system, ms) a process has used so far (Linux /proc; clock ticks of 10 ms). */
export function cpuMs(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
