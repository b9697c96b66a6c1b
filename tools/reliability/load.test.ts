import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { expect, test } from 'vitest';
import { deploy, init, updateStage } from '@gitway/core';
import { BIN, ENV, QUICK, WORKERS, fsck, report, rssMb, runNode, sleep, tempDir } from './helpers.js';
import { taggedApi } from './workers/api.mjs';

const SECONDS = QUICK ? 10 : 60;
const CONNECTIONS = 10;
const author = { name: 'load', email: 'load@example.com' };

test(`load: preview under ${SECONDS} s of load while the served stage is rolled back and forth`, async () => {
  const dir = tempDir('load');
  const gitdir = path.join(dir, '.gitway');
  await init({ fs, gitdir });
  await deploy({ fs, gitdir, author, api: taggedApi(200, 'A', 200), description: 'A', stageName: 'prod' });
  await deploy({ fs, gitdir, author, api: taggedApi(200, 'B', 200), description: 'B', stageName: 'prod' });
  // API Gateway's default throttling (10,000 req/s) would answer 429 under this load: lift it
  // (rollbacks keep stage settings), since every request must succeed here.
  await updateStage({ fs, gitdir, author, stageName: 'prod', patchOperations: [
    { op: 'replace', path: '/*/*/throttling/rateLimit', value: '1000000000' },
    { op: 'replace', path: '/*/*/throttling/burstLimit', value: '1000000000' },
  ] });
  const bodies = new Map([
    [JSON.stringify({ version: 'A' }), 'A'],
    [JSON.stringify({ version: 'B' }), 'B'],
  ]);

  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const child = spawn(process.execPath, [BIN, 'preview', '--port', String(port), '--no-access-log'], { cwd: dir, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let childErr = '';
  child.stderr.on('data', (d) => (childErr = (childErr + d).slice(-4000)));
  child.stdout.resume();
  const problems: string[] = [];
  try {
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        const r = await fetch(`${url}/prod/version`);
        await r.text();
        break;
      } catch {
        if (i > 300) throw new Error(`preview did not start: ${childErr}`);
        await sleep(50);
      }
    }
    const seen = { A: 0, B: 0, other: 0 };
    let otherExample = '';
    const rss: number[] = [];
    const sampler = setInterval(() => {
      try {
        rss.push(rssMb(child.pid!));
      } catch {
        // the process is gone; reported below
      }
    }, 1000);
    const rollbacks = runNode([path.join(WORKERS, 'loadRollback.mjs'), gitdir, 'prod', String(SECONDS - 1), '100'], (SECONDS + 60) * 1000);
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: 'GET',
          path: '/prod/version',
          onResponse: (status: number, body: string) => {
            const v = status === 200 ? bodies.get(body) : undefined;
            if (v === 'A') seen.A++;
            else if (v === 'B') seen.B++;
            else {
              seen.other++;
              otherExample ||= `${status} ${body.slice(0, 100)}`;
            }
          },
        },
      ],
    });
    clearInterval(sampler);
    const rb = JSON.parse((await rollbacks).stdout.trim() || '{"rollbacks":0,"errors":["worker failed"]}') as { rollbacks: number; errors: string[] };
    const failed = result.errors + result.timeouts + result.non2xx;
    if (failed) problems.push(`${failed} failed requests (errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})`);
    if (seen.other) problems.push(`${seen.other} responses from neither deployment, e.g. ${otherExample}`);
    if (!seen.A || !seen.B) problems.push(`rollbacks not live: A ${seen.A}, B ${seen.B}`);
    if (rb.rollbacks < SECONDS) problems.push(`only ${rb.rollbacks} rollbacks`);
    const unexpected = rb.errors.filter((c) => c !== 'StageMovedError' && c !== 'RefMovedError' && c !== 'LockedError');
    if (unexpected.length) problems.push(`rollback errors: ${unexpected.slice(0, 3).join(', ')}`);
    if (child.exitCode !== null) problems.push(`preview exited ${child.exitCode}: ${childErr.slice(0, 300)}`);
    // RSS stable: after a warm-up fifth, the last samples stay within 50% (and 64 MB) of the early ones.
    const warm = rss.slice(Math.max(1, Math.floor(rss.length / 5)));
    const early = Math.max(...warm.slice(0, 3));
    const late = Math.max(...warm.slice(-3));
    if (warm.length >= 4 && late > Math.max(early * 1.5, early + 64)) problems.push(`RSS grew from ${early.toFixed(0)} MB to ${late.toFixed(0)} MB`);
    const f = fsck(gitdir);
    if (!f.ok) problems.push(`fsck: ${f.output.slice(0, 300)}`);
    report(
      'load',
      `${SECONDS} s x ${CONNECTIONS} connections: ${result.requests.total} requests (${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms), ${failed} failed, ${seen.A} from A + ${seen.B} from B + ${seen.other} other, ${rb.rollbacks} rollbacks (${rb.errors.length} retryable errors), RSS ${Math.min(...rss).toFixed(0)}..${Math.max(...rss).toFixed(0)} MB (early ${early.toFixed(0)}, late ${late.toFixed(0)}), failures ${problems.length}${problems.length ? ': ' + problems.join('; ') : ''}`,
      problems.length === 0,
    );
  } finally {
    child.kill('SIGTERM');
  }
  expect(problems).toEqual([]);
});
