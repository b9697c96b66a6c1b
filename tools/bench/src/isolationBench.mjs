// preview_isolation: what one stage's hostile requests do to another stage, and what running
// each stage's gateway in its own worker thread costs in throughput. Both modes are the same
// createPreviewServer script (isolationServer.mjs) over the same repository, measured in the same run.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as core from '@gitway/core';
import { ROOT, ENV, startServer, get, load, cpuMs } from './processes.mjs';
import { generateApi, MOCK_ROUTE } from './generateApi.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// The reliability suite's hostile routes and its hostile client (9 MB `$..a`, catastrophic regex, model pattern, list doubling).
const FIXTURE = path.join(ROOT, 'tools/reliability/fixtures/hostile-templates.json');
const HOSTILE_CLIENT = path.join(ROOT, 'tools/reliability/workers/hostileClient.mjs');

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

/** Sequential GETs for `seconds`, or until `stop` settles: latencies in ms and the count of non-200 answers. */
async function latencies(url, seconds, stop) {
  const ms = [];
  let failed = 0;
  let stopped = false;
  stop?.finally(() => (stopped = true));
  const until = performance.now() + seconds * 1000;
  while (stop ? !stopped : performance.now() < until) {
    const t0 = performance.now();
    const res = await get(url, 120_000);
    ms.push(performance.now() - t0);
    if (res.statusCode !== 200) failed++;
  }
  return { ms, failed };
}

/** Runs the hostile client against `base` for `seconds` in its own process: resolves { sent, ms }. */
function hostileClient(base, seconds) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HOSTILE_CLIENT, base, String(seconds)], { env: ENV, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim())) : reject(new Error(`hostile client exited ${code}`))));
  });
}

export async function previewIsolation({ dir, quick, record, notes }) {
  const seconds = quick ? 8 : 20;
  const gitdir = path.join(dir, '.gitway');
  const author = { name: 'Bench', email: 'bench@example.com' };
  await core.init({ fs, gitdir });
  const api = await core.parseDefinition({ text: fs.readFileSync(FIXTURE, 'utf8'), filename: 'hostile-templates.json' });
  const unthrottled = [
    { op: 'replace', path: '/*/*/throttling/rateLimit', value: '1000000000' },
    { op: 'replace', path: '/*/*/throttling/burstLimit', value: '1000000000' },
  ];
  for (const stageName of ['hostile', 'other']) {
    await core.deploy({ fs, gitdir, author, api, description: 'isolation', stageName, variables: { backend: 'backend.internal' } });
    await core.updateStage({ fs, gitdir, author, stageName, patchOperations: unthrottled });
  }
  // The preview_rps route (a static MOCK: the runtime's fast path) on a stage of its own.
  await core.deploy({ fs, gitdir, author, api: generateApi(100), description: 'static', stageName: 'static', variables: { backend: 'http://127.0.0.1:9' } });
  await core.updateStage({ fs, gitdir, author, stageName: 'static', patchOperations: unthrottled });

  const measured = {};
  for (const mode of ['in-process', 'isolated']) {
    const server = await startServer(`createPreviewServer (${mode})`, [path.join(here, 'isolationServer.mjs'), gitdir, '0', mode === 'isolated' ? 'on' : 'off']);
    const other = `${server.url}/other/ok`;
    await get(`${server.url}/hostile/ok`);
    // Throughput of the VTL route ($context.stage in a response template: the full pipeline on
    // every request) and of preview_rps's static MOCK route; server CPU (all threads) per request.
    const throughput = async (url) => {
      await get(url, 120_000); // the stage's worker is up before anything is counted
      await load(url, { connections: 10, duration: 1 });
      const c0 = cpuMs(server.pid);
      const r = await load(url, { connections: 10, duration: quick ? 3 : 10 });
      return { rps: r.rps, bad: r.errors + r.non2xx, cpuUs: ((cpuMs(server.pid) - c0) * 1000) / Math.max(1, r.total) };
    };
    const vtl = await throughput(other);
    const fast = await throughput(`${server.url}/static${MOCK_ROUTE}`);
    const idle = await latencies(other, seconds);
    // The client sends for `seconds` after building its bodies; `other` is measured until it is done.
    const attack = hostileClient(server.url, seconds);
    const during = await latencies(other, seconds, attack.catch(() => undefined));
    const hostile = await attack;
    server.stop();
    measured[mode] = { rps: vtl.rps, rpsErrors: vtl.bad + fast.bad, cpuUs: vtl.cpuUs, staticRps: fast.rps, staticCpuUs: fast.cpuUs, idle, during, hostile };
  }
  const fmt = (xs) => ({ p50: Math.round(percentile(xs, 50) * 10) / 10, p99: Math.round(percentile(xs, 99) * 10) / 10, n: xs.length });
  const iso = measured.isolated;
  const inproc = measured['in-process'];
  record('preview_isolation', percentile(iso.during.ms, 99), percentile(iso.idle.ms, 99), 'ms', {
    isolated: { idle: fmt(iso.idle.ms), during: fmt(iso.during.ms), hostileSent: iso.hostile.sent, failed: iso.idle.failed + iso.during.failed },
    inProcess: { idle: fmt(inproc.idle.ms), during: fmt(inproc.during.ms), hostileSent: inproc.hostile.sent, failed: inproc.idle.failed + inproc.during.failed },
  });
  notes.preview_isolation =
    `stage other's p99 while another process sends the reliability suite's hostile requests to stage hostile (gitway) vs idle (anchor), isolated (worker per stage); ` +
    `p50/p99 idle ${fmt(iso.idle.ms).p50}/${fmt(iso.idle.ms).p99} ms, during ${fmt(iso.during.ms).p50}/${fmt(iso.during.ms).p99} ms; ` +
    `in-process (isolation: false): idle ${fmt(inproc.idle.ms).p50}/${fmt(inproc.idle.ms).p99} ms, during ${fmt(inproc.during.ms).p50}/${fmt(inproc.during.ms).p99} ms`;
  record('preview_isolation_rps', iso.rps, inproc.rps, 'req/s', { cpuUsPerRequest: { isolated: Math.round(iso.cpuUs), inProcess: Math.round(inproc.cpuUs) }, errors: iso.rpsErrors + inproc.rpsErrors });
  notes.preview_isolation_rps = `GET /other/ok (a VTL response template, full pipeline), 10 connections: worker per stage (gitway) vs the same server with isolation: false (anchor); server CPU per request ${Math.round(iso.cpuUs)} vs ${Math.round(inproc.cpuUs)} us`;
  record('preview_isolation_rps_static', iso.staticRps, inproc.staticRps, 'req/s', { cpuUsPerRequest: { isolated: Math.round(iso.staticCpuUs), inProcess: Math.round(inproc.staticCpuUs) } });
  notes.preview_isolation_rps_static = `GET /static${MOCK_ROUTE} (preview_rps's static MOCK route), same servers; server CPU per request ${Math.round(iso.staticCpuUs)} vs ${Math.round(inproc.staticCpuUs)} us`;
}
