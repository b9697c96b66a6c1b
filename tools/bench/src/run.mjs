// `npm run bench [-- --quick] [-- --out file.json]`: gitway against its anchors (native git,
// a raw node:http server), measured in the same run, several repetitions, median reported.
// See tools/bench/README.md for what each row measures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@gitway/core';
import { apiToFiles } from '@gitway/core/internal';
import { generateApi, changeMethods, MOCK_ROUTE } from './generateApi.mjs';
import { fastImportStream, fastImport, git, timeGit } from './nativeGit.mjs';
import { ROOT, BIN, NotBuilt, cli, cpuMs, startServer, startPreview, get, load, rssMb, sleep, stopAll, timeSpawn } from './processes.mjs';
import { createProgress } from './progress.mjs';
import { controlPlaneLatency } from './controlPlane.mjs';
import { previewIsolation } from './isolationBench.mjs';

import { cliBig, previewReload, startPrism, PRISM_VERSION } from './cliBench.mjs';
import { previewPipeline } from './previewPipeline.mjs';
import { runtimeHandleRow } from './runtimeHandle.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
// `--only a,b`: run only the steps whose label contains one of these words (a partial run; it
// writes to --out or results/partial.json, never over latest.json).
const onlyArg = argv.indexOf('--only');
const ONLY = onlyArg !== -1 ? argv[onlyArg + 1].split(',') : null;
const QUICK = argv.includes('--quick');
const outArg = argv.indexOf('--out');
const OUT = outArg !== -1 ? path.resolve(argv[outArg + 1]) : path.join(here, '..', 'results', ONLY ? 'partial.json' : QUICK ? 'latest-quick.json' : 'latest.json');

const SIZES = QUICK ? [100, 1000] : [100, 1000, 10000];
const BIG = SIZES[SIZES.length - 1];
const REPS = QUICK ? 3 : 5;
const CLI_REPS = QUICK ? 5 : 15;
const LOAD = QUICK ? { connections: 10, duration: 3, warmup: 1 } : { connections: 10, duration: 10, warmup: 2 };
const AUTHOR = { name: 'Bench', email: 'bench@example.com' };
const now = () => Date.UTC(2026, 0, 1);

// API Gateway's default stage throttling (10,000 req/s, burst 5,000) is enforced by the
// runtime; the benchmark measures serving, so its stage lifts the limits.
const UNTHROTTLED = [
  { op: 'replace', path: '/*/*/throttling/rateLimit', value: '1000000000' },
  { op: 'replace', path: '/*/*/throttling/burstLimit', value: '1000000000' },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sized = (base, n) => (n === 10000 ? base : `${base}_${n}`);

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gitway-bench-'));
let tmpCount = 0;
const tmp = (name) => fs.mkdtempSync(path.join(tmpRoot, `${name}-${tmpCount++}-`));
const libOpts = (gitdir) => ({ fs, gitdir, author: AUTHOR, now, cache: {} });

async function newLibRepo(name = 'lib') {
  const dir = tmp(name);
  const gitdir = path.join(dir, '.gitway');
  await core.init({ fs, gitdir });
  return { dir, gitdir };
}
function newNativeRepo() {
  const gitdir = path.join(tmp('native'), 'repo.git');
  git(process.cwd(), 'init', '--bare', '-q', '-b', 'main', gitdir);
  return gitdir;
}

// ---------------------------------------------------------------- results

const results = {};
const notes = {};
let failures = 0;
function record(name, gitway, anchor, unit, extra = {}) {
  const ratio = anchor ? gitway / anchor : null;
  results[name] = { gitway: round(gitway), anchor: round(anchor), ratio: ratio === null ? null : round(ratio, 3), unit, ...extra };
}
function round(x, digits = 2) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return x ?? null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
function goal(name, text, ok) {
  results[name].goal = text;
  results[name].met = ok;
}

// ---------------------------------------------------------------- benchmarks

/** deploy_first / deploy_incremental for one size; leaves the library repo for diff and merge. */
async function deploys(state, n) {
  const api = generateApi(n);
  const files = apiToFiles(api);
  const stream = fastImportStream(files);
  const lib = [];
  const nat = [];
  let last;
  for (let r = 0; r < REPS; r++) {
    const repo = await newLibRepo();
    const nativeDir = newNativeRepo();
    const t0 = performance.now();
    const d = await core.deploy({ ...libOpts(repo.gitdir), api, description: 'first' });
    lib.push(performance.now() - t0);
    nat.push(await fastImport(nativeDir, stream));
    const nativeTree = git(nativeDir, 'rev-parse', 'refs/heads/main^{tree}').trim();
    if (nativeTree !== d.tree) throw new Error(`tree mismatch for ${n} methods: gitway ${d.tree}, git fast-import ${nativeTree}`);
    if (last) fs.rmSync(path.dirname(last.nativeDir), { recursive: true, force: true }), fs.rmSync(last.repo.dir, { recursive: true, force: true });
    last = { repo, nativeDir, first: d };
  }
  record(sized('deploy_first', n), median(lib), median(nat), 'ms', { objects: last.first.objectsWritten, files: files.size });
  if (n === BIG || n === 10000) goal(sized('deploy_first', n), 'ratio <= 2', results[sized('deploy_first', n)].ratio <= 2);
  notes[sized('deploy_first', n)] = `identical tree ${last.first.tree.slice(0, 10)}; ${files.size} files`;

  // Incremental: one method changed on top of the first deployment (a new salt per repetition,
  // so every repetition writes new objects), the same file committed by git fast-import.
  const { gitdir } = last.repo;
  const A = last.first.id;
  const nativeA = git(last.nativeDir, 'rev-parse', 'refs/heads/main').trim();
  const incLib = [];
  const incNat = [];
  let inc;
  for (let r = 0; r < REPS; r++) {
    const changed = changeMethods(api, 1, `inc${r}`, 'events');
    const file = changed.changed[0];
    git(gitdir, 'update-ref', 'refs/heads/main', A);
    git(last.nativeDir, 'update-ref', 'refs/heads/main', nativeA);
    const t0 = performance.now();
    const d = await core.deploy({ ...libOpts(gitdir), api: changed.api, description: `one change ${r}` });
    incLib.push(performance.now() - t0);
    const text = apiToFiles(changed.api).get(file);
    incNat.push(await fastImport(last.nativeDir, fastImportStream(new Map([[file, text]]), { from: nativeA, message: `one change ${r}` })));
    const nativeB = git(last.nativeDir, 'rev-parse', 'refs/heads/main').trim();
    const nativeTree = git(last.nativeDir, 'rev-parse', `${nativeB}^{tree}`).trim();
    if (nativeTree !== d.tree) throw new Error(`incremental tree mismatch: gitway ${d.tree}, git ${nativeTree}`);
    const nativeObjects = git(last.nativeDir, 'rev-list', '--objects', nativeB, `^${nativeA}`).trim().split('\n').length;
    inc = { d, file, nativeObjects, api: changed.api };
  }
  const depth = inc.file.split('/').length; // trees from the root to the blob's directory
  record(sized('deploy_incremental', n), median(incLib), median(incNat), 'ms');
  if (n === 10000) goal('deploy_incremental', 'ratio <= 3 (issue 19)', results.deploy_incremental.ratio <= 3);
  record(sized('deploy_incremental_objects', n), inc.d.objectsWritten, inc.nativeObjects, 'objects', { bound: depth + 2 });
  goal(sized('deploy_incremental_objects', n), `gitway <= depth + 2 = ${depth + 2}`, inc.d.objectsWritten <= depth + 2);
  notes[sized('deploy_incremental', n)] = `changed ${inc.file}`;
  Object.assign(state, { n, api, gitdir, A, B: inc.d.id, apiB: inc.api, libDir: last.repo.dir });
}

async function diffOneChange(state) {
  const name = sized('diff_one_change', state.n);
  if (typeof core.diff !== 'function') throw new NotBuilt('core diff');
  const run = () => core.diff({ fs, gitdir: state.gitdir, cache: {}, from: state.A, to: state.B });
  const warm = await run();
  if (warm.changes.length !== 1) throw new Error(`diff found ${warm.changes.length} changes, 1 expected`);
  const lib = [];
  const nat = [];
  for (let r = 0; r < REPS * 2; r++) {
    const t0 = performance.now();
    await run();
    lib.push(performance.now() - t0);
    const g = timeGit(state.gitdir, 'diff-tree', '-r', state.A, state.B);
    if (g.out.trim().split('\n').length !== 1) throw new Error(`git diff-tree: ${g.out}`);
    nat.push(g.ms);
  }
  record(name, median(lib), median(nat), 'ms', { objectsRead: warm.stats });
  goal(name, 'gitway < 20 ms (in-process)', results[name].gitway < 20);
  notes[name] = 'fresh cache per call (what one `gitway diff` does); anchor includes spawning git';
  // The same with one cache shared across calls (a long-lived process: preview dashboard, embedders).
  const cache = {};
  await core.diff({ fs, gitdir: state.gitdir, cache, from: state.A, to: state.B });
  const shared = [];
  for (let r = 0; r < REPS * 2; r++) {
    const t0 = performance.now();
    await core.diff({ fs, gitdir: state.gitdir, cache, from: state.A, to: state.B });
    shared.push(performance.now() - t0);
  }
  record(`${name}_warm`, median(shared), median(nat), 'ms');
  notes[`${name}_warm`] = 'cache shared across calls (pack index already parsed)';
}

async function mergeClean(state) {
  const name = sized('merge_clean', state.n);
  if (typeof core.merge !== 'function' || typeof core.createBranch !== 'function') throw new NotBuilt('core merge');
  const o = libOpts(state.gitdir);
  await core.createBranch({ ...o, name: 'feature', start: state.B });
  const ours = await core.deploy({ ...o, api: changeMethods(state.apiB, 10, 'ours', 'events').api, description: 'ours: 10 methods' });
  const theirs = await core.deploy({ ...o, branch: 'feature', api: changeMethods(state.apiB, 10, 'theirs', 'delete').api, description: 'theirs: 10 methods' });
  const nativeTree = git(state.gitdir, 'merge-tree', '--write-tree', ours.id, theirs.id).trim().split('\n')[0];
  const lib = [];
  const nat = [];
  let merged;
  for (let r = 0; r < REPS; r++) {
    git(state.gitdir, 'update-ref', 'refs/heads/main', ours.id);
    const t0 = performance.now();
    merged = await core.merge({ ...libOpts(state.gitdir), theirs: 'feature', ours: 'main', message: `merge ${r}` });
    lib.push(performance.now() - t0);
    nat.push(timeGit(state.gitdir, 'merge-tree', '--write-tree', ours.id, theirs.id).ms);
  }
  if (merged.status !== 'merged') throw new Error(`merge status ${merged.status}`);
  const tree = git(state.gitdir, 'rev-parse', `${merged.id}^{tree}`).trim();
  if (tree !== nativeTree) throw new Error(`merge tree mismatch: gitway ${tree}, git merge-tree ${nativeTree}`);
  record(name, median(lib), median(nat), 'ms', { objects: merged.objectsWritten });
  goal(name, 'ratio <= 2 (issue 19)', results[name].ratio <= 2);
  notes[name] = `identical merged tree ${tree.slice(0, 10)}; anchor includes spawning git`;
}

/** A repository in `dir` with stage "bench" on the n-method API, made through the CLI (OpenAPI text import). */
function cliRepo(n) {
  const dir = tmp(`preview${n}`);
  fs.writeFileSync(path.join(dir, 'api.yaml'), core.exportDefinition({ api: generateApi(n) }));
  cli(dir, 'init');
  cli(dir, 'deploy', '-m', `bench ${n}`, '--stage', 'bench', '--variables', 'backend=http://127.0.0.1:9');
  cli(dir, 'stage', 'update', 'bench', ...UNTHROTTLED.flatMap((p) => ['--patch', `op=replace,path=${p.path},value=${p.value}`]));
  return dir;
}

async function previewRps(state) {
  const dir = cliRepo(1000);
  state.previewDir = dir;
  const preview = await startPreview(dir);
  const url = `${preview.url}/bench${MOCK_ROUTE}`;
  const first = await get(url);
  const expected = generateApi(1000).resources[MOCK_ROUTE].resourceMethods.GET.methodIntegration.integrationResponses.default.responseTemplates['application/json'];
  if (first.statusCode !== 200 || JSON.stringify(JSON.parse(first.body.toString())) !== JSON.stringify(JSON.parse(expected))) {
    throw new Error(`preview answered ${first.statusCode}: ${first.body.toString().slice(0, 200)}`);
  }
  const headers = Object.fromEntries(Object.entries(first.headers).filter(([k]) => !['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(k)));
  const responseFile = path.join(dir, 'response.json');
  fs.writeFileSync(responseFile, JSON.stringify({ statusCode: first.statusCode, headers, bodyBase64: first.body.toString('base64') }));
  const raw = await startServer('raw', [path.join(here, 'rawServer.mjs'), '0', responseFile]);
  const rawFirst = await get(`${raw.url}${MOCK_ROUTE}`);
  if (!rawFirst.body.equals(first.body)) throw new Error('raw server body differs');

  // CPU per request of each server process: robust to other load on the machine.
  const cpuLoad = async (server, target) => {
    const c0 = cpuMs(server.pid);
    const r = await load(target, LOAD);
    r.cpuUsPerReq = ((cpuMs(server.pid) - c0) * 1000) / Math.max(1, r.total + (LOAD.warmup ? r.total * (LOAD.warmup / LOAD.duration) : 0));
    return r;
  };
  const anchor = await cpuLoad(raw, `${raw.url}${MOCK_ROUTE}`);
  const mine = await cpuLoad(preview, url);
  const bad = mine.errors + mine.non2xx + anchor.errors + anchor.non2xx;
  raw.stop();
  // Peer: Stoplight Prism mocking the same OpenAPI document, same route, same load.
  const prism = await startPrism(dir).catch((e) => e);
  if (prism instanceof Error) {
    record('preview_vs_prism', mine.rps, null, 'req/s', { status: `error: ${prism.message.split('\n')[0]}` });
  } else {
    const peer = await load(`${prism.url}${MOCK_ROUTE}`, LOAD);
    const again = await load(url, LOAD);
    prism.stop();
    const rps = median([mine.rps, again.rps]);
    record('preview_vs_prism', rps, peer.rps, 'req/s', { prismErrors: peer.errors + peer.non2xx });
    results.preview_vs_prism.ratio = round(rps / peer.rps, 3);
    goal('preview_vs_prism', 'gitway preview >= 5x Prism req/s', rps >= 5 * peer.rps);
    notes.preview_vs_prism = `Prism ${PRISM_VERSION} \`mock\` of the same api.yaml, GET ${MOCK_ROUTE}, ${LOAD.connections} connections; gitway is the median of the run above and one right after Prism`;
  }
  preview.stop();
  record('preview_rps', mine.rps, anchor.rps, 'req/s', { requests: mine.total, errors: mine.errors + mine.non2xx, via: preview.via });
  goal('preview_rps', 'ratio >= 0.7, 0 errors', results.preview_rps.ratio >= 0.7 && bad === 0);
  record('preview_p99', mine.p99, anchor.p99, 'ms');
  record('preview_cpu_per_request', mine.cpuUsPerReq, anchor.cpuUsPerReq, 'us');
  notes.preview_cpu_per_request = 'server process CPU (user+sys) per request during the load (warm-up estimated at the same rate)';
  notes.preview_p99 = 'autocannon reports whole milliseconds (0 = under 1 ms; no ratio then)';
  notes.preview_rps = `${LOAD.connections} connections, ${LOAD.duration} s, GET /bench${MOCK_ROUTE} (${first.body.length} B) via ${preview.via}; errors ${mine.errors}/${anchor.errors}, non-2xx ${mine.non2xx}/${anchor.non2xx}`;
}

async function cliStartup(state) {
  const dir = state.previewDir ?? cliRepo(100);
  const times = { version: [], list: [], node: [] };
  for (let r = 0; r < CLI_REPS; r++) {
    times.node.push(timeSpawn(process.execPath, ['-e', '0'], dir));
    times.version.push(timeSpawn(process.execPath, [BIN, '--version'], dir));
    times.list.push(timeSpawn(process.execPath, [BIN, 'stage', 'list'], dir));
  }
  record('cli_startup', median(times.version), median(times.node), 'ms');
  record('cli_startup_stage_list', median(times.list), median(times.node), 'ms');
  goal('cli_startup_stage_list', 'ratio <= 2.5', results.cli_startup_stage_list.ratio <= 2.5);
  notes.cli_startup = 'gitway --version vs node -e 0';
  notes.cli_startup_stage_list = 'gitway stage list (one stage) vs node -e 0';
}

async function previewRss() {
  const name = BIG === 10000 ? 'preview_rss_10k' : `preview_rss_${BIG}`;
  const repo = await newLibRepo(`rss${BIG}`);
  await core.deploy({ ...libOpts(repo.gitdir), api: generateApi(BIG), description: `rss ${BIG}`, stageName: 'bench', variables: { backend: 'http://127.0.0.1:9' } });
  await core.updateStage({ ...libOpts(repo.gitdir), stageName: 'bench', patchOperations: UNTHROTTLED });
  const preview = await startPreview(repo.dir);
  const res = await get(`${preview.url}/bench${MOCK_ROUTE}`);
  if (res.statusCode !== 200) throw new Error(`preview answered ${res.statusCode}`);
  for (let i = 0; i < 20; i++) await get(`${preview.url}/bench${MOCK_ROUTE}`);
  await sleep(300);
  const mine = rssMb(preview.pid);
  preview.stop();
  const responseFile = path.join(repo.dir, 'response.json');
  fs.writeFileSync(responseFile, JSON.stringify({ statusCode: 200, headers: { 'content-type': 'application/json' }, bodyBase64: res.body.toString('base64') }));
  const raw = await startServer('raw', [path.join(here, 'rawServer.mjs'), '0', responseFile]);
  for (let i = 0; i < 21; i++) await get(`${raw.url}${MOCK_ROUTE}`);
  await sleep(300);
  const anchor = rssMb(raw.pid);
  raw.stop();
  record(name, mine, anchor, 'MB', { via: preview.via });
  notes[name] = `RSS after warm-up requests, ${BIG}-method stage, via ${preview.via}`;
}

// ---------------------------------------------------------------- main

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    totalmemMB: Math.round(os.totalmem() / 2 ** 20),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    git: git(process.cwd(), '--version').trim(),
    mode: QUICK ? 'quick' : 'full',
    reps: REPS,
    load: LOAD,
    date: new Date().toISOString(),
    loadavg: os.loadavg().map((x) => round(x)),
  };
}

function fmt(x, unit) {
  if (x === null || x === undefined) return '';
  if (unit === 'req/s') return Math.round(x).toLocaleString('en-US');
  return unit === 'objects' ? String(x) : x >= 100 ? x.toFixed(0) : x.toFixed(x >= 10 ? 1 : 2);
}

function table() {
  const head = ['benchmark', 'gitway', 'anchor', 'ratio', 'unit', 'goal'];
  const rows = Object.entries(results).map(([name, r]) => [
    name,
    r.status ?? fmt(r.gitway, r.unit),
    r.status ? '' : fmt(r.anchor, r.unit),
    r.ratio === null || r.ratio === undefined ? '' : r.ratio.toFixed(2),
    r.unit,
    r.goal ? `${r.met ? 'met' : 'MISSED'}: ${r.goal}` : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (row) => row.map((c, i) => (i >= 1 && i <= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

let loadavgAtStart;
async function main() {
  loadavgAtStart = os.loadavg().map((x) => round(x));
  const state = {};
  const steps = [];
  for (const n of SIZES) {
    steps.push({ label: `deploy ${n}`, names: [sized('deploy_first', n), sized('deploy_incremental', n), sized('deploy_incremental_objects', n)], units: ['ms', 'ms', 'objects'], run: () => deploys(state, n) });
  }
  steps.push({ label: `diff ${BIG}`, names: [sized('diff_one_change', BIG), `${sized('diff_one_change', BIG)}_warm`], units: ['ms', 'ms'], run: () => diffOneChange(state) });
  steps.push({ label: `merge ${BIG}`, names: [sized('merge_clean', BIG)], units: ['ms'], run: () => mergeClean(state) });
  steps.push({ label: 'preview req/s', names: ['preview_rps', 'preview_p99', 'preview_cpu_per_request', 'preview_vs_prism'], units: ['req/s', 'ms', 'us', 'req/s'], run: () => previewRps(state) });
  steps.push({ label: 'preview isolation', names: ['preview_isolation', 'preview_isolation_rps', 'preview_isolation_rps_static'], units: ['ms', 'req/s', 'req/s'], run: () => previewIsolation({ dir: tmp('isolation'), quick: QUICK, record, notes }) });
  steps.push({ label: 'preview pipeline', names: ['preview_vtl_rps', 'preview_proxy_rps', 'preview_auth_cache_rps'], units: ['req/s', 'req/s', 'req/s'], run: () => previewPipeline({ tmp, LOAD, unthrottled: UNTHROTTLED, record, goal, notes }) });
  steps.push({ label: 'runtime handle', names: ['runtime_handle_us'], units: ['us'], run: () => runtimeHandleRow({ quick: QUICK, record, notes }) });
  steps.push({ label: 'cli start-up', names: ['cli_startup', 'cli_startup_stage_list'], units: ['ms', 'ms'], run: () => cliStartup(state) });
  steps.push({ label: 'control plane', names: ['control_get_stage', 'control_update_stage'], units: ['ms', 'ms'], run: () => controlPlaneLatency({ dir: tmp('serve'), quick: QUICK, record }) });

  const cliN = BIG === 10000 ? 10000 : 1000;
  const cliSuffix = cliN === 10000 ? '10k' : String(cliN);
  const cliNames = [`cli_deploy_${cliSuffix}`, `cli_deploy_${cliSuffix}_json`, `cli_status_${cliSuffix}`];
  steps.push({
    label: `cli ${cliN}`,
    names: cliNames,
    units: ['ms', 'ms', 'ms'],
    run: () => (state.cliBig = cliBig({ n: cliN, reps: QUICK ? 2 : 5, tmp, record, goal, notes, median })),
  });
  steps.push({
    label: 'preview reload',
    names: ['preview_reload_ms'],
    units: ['ms'],
    run: () => {
      if (!state.cliBig) throw new Error('needs the cli step');
      return previewReload({ ...state.cliBig, n: cliN, record, goal, notes });
    },
  });
  steps.push({ label: 'preview rss', names: [BIG === 10000 ? 'preview_rss_10k' : `preview_rss_${BIG}`], units: ['MB'], run: () => previewRss() });

  const chosen = ONLY ? steps.filter((s) => ONLY.some((w) => s.label.includes(w))) : steps;
  const progress = createProgress(chosen.length);
  for (const step of chosen) {
    progress.start(step.label);
    try {
      await step.run();
    } catch (error) {
      const notBuilt = error instanceof NotBuilt;
      if (!notBuilt) failures++;
      const status = notBuilt ? 'n/a (not built)' : `error: ${String(error?.message ?? error).split('\n')[0]}`;
      step.names.forEach((name, i) => {
        if (!results[name]) results[name] = { gitway: null, anchor: null, ratio: null, unit: step.units[i], status };
      });
      if (notBuilt) notes[step.names[0]] = error.message;
      else progress.log(`${step.label}: ${error?.stack ?? error}`);
    } finally {
      stopAll();
    }
    progress.done();
  }
  progress.stop();

  const out = { machine: { ...machine(), loadavgAtStart }, results, notes };
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
  process.stdout.write(`\ngitway bench (${out.machine.mode}) on ${out.machine.cpus} x ${out.machine.cpuModel}, ${out.machine.node}, ${out.machine.git}; load average ${loadavgAtStart[0]} at start, ${out.machine.loadavg[0]} at end\n\n`);
  process.stdout.write(table() + '\n\n');
  for (const [name, note] of Object.entries(notes)) process.stdout.write(`  ${name}: ${note}\n`);
  process.stdout.write(`\nwritten ${path.relative(ROOT, OUT)}\n`);
  fs.rmSync(tmpRoot, { recursive: true, force: true });
  if (failures) process.exitCode = 1;
}

process.on('exit', stopAll);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => (stopAll(), fs.rmSync(tmpRoot, { recursive: true, force: true }), process.exit(130)));
await main();
