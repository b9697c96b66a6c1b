// The built CLI on a real-sized definition (deploy after a one-method change, status and diff
// on an unchanged one) and the preview's start and reload times. See README.md "Rows".
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as core from '@gitway/core';
import { generateApi, changeMethods } from './generateApi.mjs';
import { createRequire } from 'node:module';
import { BIN, ENV, cli, get, sleep, startPreview, startServer, timeSpawn } from './processes.mjs';

const require = createRequire(import.meta.url);
export const PRISM_VERSION = require('@stoplight/prism-cli/package.json').version;

/** Stoplight Prism mocking `dir`/api.yaml (the peer of the preview rows). */
export function startPrism(dir) {
  const bin = path.join(path.dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
  return startServer('prism', [bin, 'mock', '--host', '127.0.0.1', '--port', '0', path.join(dir, 'api.yaml')], { cwd: dir });
}

/** Wall time (ms) and peak RSS (MB, from /usr/bin/time) of one CLI run; throws on failure. */
export function timeCli(cwd, args) {
  const hasTime = fs.existsSync('/usr/bin/time');
  const cmd = hasTime ? '/usr/bin/time' : process.execPath;
  const argv = hasTime ? ['-f', '%M %U %S', process.execPath, BIN, ...args] : [BIN, ...args];
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { cwd, env: ENV, encoding: 'utf8', timeout: 300_000 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`gitway ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
  const [kb, user, sys] = hasTime ? r.stderr.trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
  // CPU time (user + sys) is the view that holds up on a loaded machine.
  return { ms, rssMb: kb / 1024, cpuMs: (user + sys) * 1000 };
}

/**
 * A repository in `dir` holding the n-method API as its working definition (`file`), deployed
 * once; `texts(k)` gives the definition text with one method changed (a new change per k).
 */
function bigRepo(dir, n, file, syntax) {
  const api = generateApi(n);
  // The JSON form is written compact: pretty-printed it is over the 10 MB import limit.
  const text = (a) => (syntax === 'json' ? JSON.stringify(JSON.parse(core.exportDefinition({ api: a, syntax: 'json' }))) : core.exportDefinition({ api: a }));
  fs.writeFileSync(path.join(dir, file), text(api));
  cli(dir, 'init', '--definition', file);
  cli(dir, 'deploy', '-m', 'first', '--stage', 'bench', '--variables', 'backend=http://127.0.0.1:9');
  // the method changeMethods changes (the same one for every salt), as a request path
  const treeFile = changeMethods(api, 1, 'x', 'events').changed[0];
  const route = treeFile.slice('paths'.length, treeFile.lastIndexOf('/')).replace('{id}', '7');
  return { api, route, bytes: fs.statSync(path.join(dir, file)).size, changed: (k) => text(changeMethods(api, 1, `cli${k}`, 'events').api) };
}

/** cli_deploy_<n>[_json], cli_status_<n>, cli_diff_<n>: medians over `reps` runs. */
export function cliBig({ n, reps, tmp, record, goal, notes, median }) {
  const sized = (base) => `${base}_${n === 10000 ? '10k' : n}`;
  let result;
  for (const syntax of ['yaml', 'json']) {
    const dir = tmp(`cli${n}${syntax}`);
    const file = `api.${syntax}`;
    const repo = bigRepo(dir, n, file, syntax);
    const deploys = [];
    for (let r = 0; r < reps; r++) {
      fs.writeFileSync(path.join(dir, file), repo.changed(r));
      deploys.push(timeCli(dir, ['deploy', '-m', `one change ${r}`]));
    }
    const name = sized('cli_deploy') + (syntax === 'json' ? '_json' : '');
    const limit = syntax === 'json' ? 1000 : 1500;
    const ms = median(deploys.map((d) => d.ms));
    const rss = Math.max(...deploys.map((d) => d.rssMb));
    record(name, ms, null, 'ms', { rssMb: Math.round(rss), cpuMs: Math.round(median(deploys.map((d) => d.cpuMs))), bytes: repo.bytes });
    goal(name, `<= ${limit} ms, RSS <= 300 MB`, ms <= limit && !(rss > 300));
    notes[name] = `built CLI, ${(repo.bytes / 2 ** 20).toFixed(1)} MB ${syntax.toUpperCase()}, one method changed per run; peak RSS ${Math.round(rss)} MB`;
    if (syntax !== 'yaml') continue;
    // status / diff of the unchanged definition (the index answers); the first run after the
    // deploy re-hashes the racily clean entry, as git does, and is part of the median.
    const status = [];
    const diff = [];
    const cpu = [];
    for (let r = 0; r < reps + 2; r++) {
      const s = timeCli(dir, ['status']);
      status.push(s.ms);
      cpu.push(s.cpuMs);
      diff.push(timeCli(dir, ['diff', '--exit-code']).ms);
    }
    record(sized('cli_status'), median(status), null, 'ms', { diffMs: Math.round(median(diff)), cpuMs: Math.round(median(cpu)) });
    goal(sized('cli_status'), 'status and diff <= 300 ms', median(status) <= 300 && median(diff) <= 300);
    notes[sized('cli_status')] = `gitway status on the unchanged ${n}-method definition; gitway diff (working definition vs tip) ${Math.round(median(diff))} ms`;
    // the stage follows the last deployment, so a rollback has somewhere to go
    cli(dir, 'deploy', '-m', 'stage', '--stage', 'bench');
    result = { dir, route: repo.route };
  }
  return result;
}

/** Polls `url` until `accept(body)` holds; returns ms from `t0`. */
async function firstAnswer(url, t0, accept, timeoutMs = 60_000) {
  for (;;) {
    try {
      const r = await get(url, 5000);
      if (r.statusCode === 200 && accept(r.body.toString())) return performance.now() - t0;
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > timeoutMs) throw new Error(`no expected answer from ${url} within ${timeoutMs} ms`);
    await sleep(5);
  }
}

/** preview_reload_ms: `gitway preview` start to the first answer; a rollback to the first answer of the new deployment. */
export async function previewReload({ dir, route: methodPath, n, record, goal, notes }) {
  const route = `/bench${methodPath}`;
  const t0 = performance.now();
  const preview = await startPreview(dir);
  const before = await get(`${preview.url}${route}`);
  const start = performance.now() - t0;
  const old = before.body.toString();
  // `dir`'s stage moved with every deploy; a rollback moves it to the previous deployment.
  const t1 = performance.now();
  timeSpawn(process.execPath, [BIN, 'rollback', 'bench'], dir);
  const rollbackMs = performance.now() - t1;
  const t2 = performance.now();
  const reload = await firstAnswer(`${preview.url}${route}`, t2, (body) => body !== old);
  preview.stop();
  record('preview_reload_ms', reload, null, 'ms', { startMs: Math.round(start), rollbackCliMs: Math.round(rollbackMs) });
  goal('preview_reload_ms', 'start to first answer <= 1000 ms, rollback to first new answer <= 200 ms', start <= 1000 && reload <= 200);
  notes.preview_reload_ms = `${n}-method stage: spawn of gitway preview to the first 200 of GET ${route}: ${Math.round(start)} ms (includes node start-up and the wait for the port); after \`gitway rollback\` exits (${Math.round(rollbackMs)} ms), first answer from the new deployment: ${Math.round(reload)} ms`;
}
