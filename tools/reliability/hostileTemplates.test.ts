import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '@gitway/test-utils';
import { spawn } from 'node:child_process';
import { expect, test } from 'vitest';
import { deploy, init, parseDefinition } from '@gitway/core';
import { BIN, ENV, QUICK, ROOT, WORKERS, report, rssMb, runNode, sleep, tempDir } from './helpers.js';

// Issue #15's hostile-template attacks against a real `gitway preview` process, then the
// measurement: the latency of another stage's requests while hostile requests run.
const FIXTURE = path.join(ROOT, 'tools/reliability/fixtures/hostile-templates.json');
const SECONDS = QUICK ? 5 : 20;
const EVIL = 'a'.repeat(40) + '!';
const author = { name: 'hostile', email: 'hostile@example.com' };

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
};
/** A 9 MB JSON body where `$..a` visits about a million nodes. */
function deepBody(): string {
  const item = JSON.stringify({ a: 1, b: { a: 2, c: [{ a: 3 }] } });
  const n = Math.floor((9 * 1024 * 1024) / (item.length + 1));
  return `{"items":[${Array(n).fill(item).join(',')}]}`;
}

test('hostile templates: a real preview survives every attack, other stages keep answering', async () => {
  const dir = tempDir('hostile');
  const gitdir = path.join(dir, '.gitway');
  await init({ fs, gitdir });
  const api = await parseDefinition({ text: fs.readFileSync(FIXTURE, 'utf8'), filename: 'hostile-templates.json' });
  await deploy({ fs, gitdir, author, api, description: 'hostile', stageName: 'hostile', variables: { backend: 'backend.internal' } });
  await deploy({ fs, gitdir, author, api, description: 'hostile', stageName: 'other', variables: { backend: 'backend.internal' } });

  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'preview', '--port', String(port), '--no-access-log'], { cwd: dir, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let childErr = '';
  child.stderr.on('data', (d) => (childErr = (childErr + d).slice(-4000)));
  child.stdout.resume();
  const url = `http://127.0.0.1:${port}`;
  const problems: string[] = [];
  const call = async (p: string, init: RequestInit = {}) => {
    const started = performance.now();
    const res = await fetch(url + p, init);
    const body = await res.text();
    return { status: res.status, body, ms: performance.now() - started };
  };
  const json = (body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
  try {
    for (let i = 0; ; i++) {
      try {
        await call('/other/ok');
        break;
      } catch {
        if (i > 300) throw new Error(`preview did not start: ${childErr}`);
        await sleep(50);
      }
    }
    const rssBefore = rssMb(child.pid!);

    // 1. Every attack answers for its own request only.
    const deep = deepBody();
    const attacks: [string, string, RequestInit | undefined, number[]][] = [
      ['concat doubling', '/hostile/concat', undefined, [200]],
      ['addAll doubling', '/hostile/addall', undefined, [500]],
      ['nested lists', '/hostile/nested', undefined, [500]],
      ['string doubling', '/hostile/strings', undefined, [500]],
      ['template regex', `/hostile/regex?s=${EVIL}`, undefined, [200]],
      ['model pattern', '/hostile/validate', json(JSON.stringify({ name: EVIL })), [400]],
      // Finishes, or stops at the 250 ms budget, or (JSON.parse of 9 MB on a very loaded machine) holds
      // the stage's worker past --blocked-limit and is answered 504, depending on the machine.
      ["$..a on 9 MB", '/hostile/deep', json(deep), [200, 500, 504]],
    ];
    const took: string[] = [];
    for (const [name, p, init, statuses] of attacks) {
      const r = await call(p, init);
      took.push(`${name} ${r.status} in ${r.ms.toFixed(0)} ms`);
      if (!statuses.includes(r.status)) problems.push(`${name}: status ${r.status} (${r.body.slice(0, 80)})`);
      if (child.exitCode !== null) problems.push(`preview exited after ${name}: ${childErr.slice(0, 300)}`);
    }
    await call('/hostile/leak/victim', { headers: { authorization: 'Bearer victim-secret' } });
    const stolen = await call('/hostile/leak/eval');
    if (stolen.body !== '{"stolen":""}') problems.push(`$util.eval leaked: ${stolen.body}`);
    await call('/hostile/leak/put');
    const check = await call('/other/leak/check');
    if (check.body !== '{"escaped":"a\\"b","backend":"backend.internal"}') problems.push(`state leaked across stages: ${check.body}`);

    // 2. Latency of stage `other` alone, then while another process sends hostile requests back to back.
    const measure = async (hostile: boolean) => {
      const latencies: number[] = [];
      const hostileMs: number[] = [];
      const until = performance.now() + SECONDS * 1000;
      const attacker = hostile ? runNode([path.join(WORKERS, 'hostileClient.mjs'), url, String(SECONDS)], (SECONDS + 120) * 1000) : undefined;
      let failed = 0;
      while (performance.now() < until) {
        const r = await call('/other/ok');
        if (r.status !== 200) failed++;
        latencies.push(r.ms);
        await sleep(5);
      }
      if (attacker) hostileMs.push(...(JSON.parse((await attacker).stdout.trim() || '{"ms":[]}') as { ms: number[] }).ms);
      return { latencies, hostileMs, failed };
    };
    const quiet = await measure(false);
    const noisy = await measure(true);
    if (quiet.failed + noisy.failed) problems.push(`${quiet.failed + noisy.failed} failed requests on stage other`);
    if (child.exitCode !== null) problems.push(`preview exited: ${childErr.slice(0, 300)}`);
    const rssAfter = rssMb(child.pid!);
    const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(0)} ms (${xs.length} requests)`;
    report(
      'hostile-templates',
      `attacks: ${took.join('; ')}. Stage other alone: ${fmt(quiet.latencies)}; with hostile requests back to back (${noisy.hostileMs.length} sent, ${fmt(noisy.hostileMs)}): ${fmt(noisy.latencies)}; RSS ${rssBefore.toFixed(0)} -> ${rssAfter.toFixed(0)} MB; failures ${problems.length}${problems.length ? ': ' + problems.join('; ') : ''}`,
      problems.length === 0,
    );
  } finally {
    child.kill('SIGTERM');
  }
  expect(problems).toEqual([]);
});
