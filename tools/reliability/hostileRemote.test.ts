import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { expect, test } from 'vitest';
import { startGitHttpServer } from '@gitway/test-utils';
import { BIN, ENV, QUICK, fsck, git, gitway, report, rssMb, snapshot, snapshotDiff, tempDir } from './helpers.js';

// Attacks from a git server that lies (tools/test-utils gitHttpServer `hostile`): traversal
// and hostile ref names, a pack that never ends, a server that goes silent. Each attack
// runs the built CLI against a real git http-backend on loopback.

interface Child {
  code: number;
  stdout: string;
  stderr: string;
  /** Highest resident set size seen while it ran (MB). */
  peakRssMb: number;
}

/**
 * The CLI, asynchronously (the server is in this process), sampling its memory. The server
 * lies in git's protocol v0, which gitway's own smart-HTTP client speaks: GITWAY_TRANSPORT=http
 * (native git would ask for v2; its hostile cases are in packages/core/test/gitRemote.test.ts).
 */
function gitwayAsync(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Child> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...ENV, GITWAY_TRANSPORT: 'http', ...env } });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    const sample = setInterval(() => {
      try {
        const mb = rssMb(child.pid!);
        if (Number.isFinite(mb)) peak = Math.max(peak, mb);
      } catch {
        /* exited */
      }
    }, 50);
    const killer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      clearInterval(sample);
      clearTimeout(killer);
      resolve({ code: code ?? -1, stdout, stderr, peakRssMb: Math.round(peak) });
    });
  });
}

test('hostile remote: traversal and hostile ref names, endless pack, silent server', async () => {
  const results: string[] = [];
  const server = await startGitHttpServer({ root: tempDir('srv') });
  const bare = server.createRepo('api.git', { receivePack: true });
  const a = tempDir('hostile-a');
  fs.writeFileSync(path.join(a, 'api.yaml'), fs.readFileSync(path.join(path.dirname(BIN), '../../../examples/petstore/v1.yaml')));
  expect(gitway(a, ['init']).code).toBe(0);
  expect(gitway(a, ['deploy', '-m', 'v1', '--stage', 'prod']).code).toBe(0);
  expect(gitway(a, ['remote', 'add', 'origin', server.url('api.git')]).code).toBe(0);
  expect((await gitwayAsync(a, ['push', '--stage', 'prod'])).code).toBe(0);
  const main = git(bare, 'rev-parse', 'main').trim();
  const stage = git(bare, 'rev-parse', 'refs/stages/prod').trim();

  // 1. Ref names that walk out of the repository, on fetch and clone.
  const outside = tempDir('outside');
  const up = '../'.repeat(40);
  const hostileNames = [
    `refs/heads/${up}${outside.slice(1)}/x/FILE`,
    `refs/stages/${up}${outside.slice(1)}/y/FILE`,
    'refs/stages/ctl\x01',
    'refs/heads/a..b',
    'refs/heads/x.lock',
    'refs/stages/HEAD',
    'refs/stages/_gitway',
    'refs/heads/.git/config',
    'refs/heads/a\\b',
  ];
  server.hostile = { refs: hostileNames.map((name) => ({ name, oid: name.startsWith('refs/stages/') ? stage : main })), head: `refs/heads/${up}${outside.slice(1)}/z` };
  const fetched = await gitwayAsync(a, ['fetch', '--json']);
  const skipped = fetched.code === 0 ? (JSON.parse(fetched.stdout).skipped as { ref: string }[]).map((s) => s.ref) : [];
  const clones = tempDir('hostile-clones');
  const cloned = await gitwayAsync(clones, ['clone', server.url('api.git'), 'c']);
  const c = path.join(clones, 'c');
  const usable = cloned.code === 0 && gitway(c, ['status']).code === 0 && gitway(c, ['stage', 'list']).code === 0;
  const clean = cloned.code === 0 && fsck(path.join(c, '.gitway')).ok && fsck(path.join(a, '.gitway')).ok;
  const escaped = fs.readdirSync(outside);
  const namesOk = fetched.code === 0 && skipped.length === hostileNames.length && usable && clean && escaped.length === 0;
  results.push(`names: ${skipped.length}/${hostileNames.length} refused, ${escaped.length} files outside, clone usable=${usable} fsck=${clean}`);

  // 2. A pack that never ends: stopped at the limit, streamed to disk (memory stays flat,
  // well under the limit), nothing kept.
  // (into a new repository, which lacks the objects and so asks for a pack)
  const b = tempDir('hostile-b');
  expect(gitway(b, ['init']).code).toBe(0);
  expect(gitway(b, ['remote', 'add', 'origin', server.url('api.git')]).code).toBe(0);
  server.hostile = { endlessPack: true };
  const limitMb = QUICK ? 64 : 512;
  const before = snapshot(path.join(b, '.gitway'));
  const endless = await gitwayAsync(b, ['fetch'], { GITWAY_MAX_PACK_BYTES: `${limitMb}M` });
  const untouched = snapshotDiff(before, snapshot(path.join(b, '.gitway')));
  const endlessOk = endless.code === 128 && endless.stderr.includes('[TooLargeError]') && untouched.length === 0 && endless.peakRssMb < 250;
  results.push(`endless pack: stopped at ${limitMb} MiB (${endless.stderr.includes('[TooLargeError]') ? 'TooLargeError' : endless.stderr.trim() || `exit ${endless.code}`}), peak RSS ${endless.peakRssMb} MB, repository ${untouched.length ? 'CHANGED' : 'untouched'}`);

  // 3. A server that stops answering: a typed timeout naming the phase, nothing changed.
  server.hostile = { silent: 'git-upload-pack' };
  const silent = await gitwayAsync(b, ['fetch'], { GITWAY_REMOTE_TIMEOUT: '1' });
  const silentOk = silent.code === 128 && /sent nothing for 1 s while receiving objects .*\[RemoteTimeoutError\]/.test(silent.stderr) && snapshotDiff(before, snapshot(path.join(b, '.gitway'))).length === 0;
  results.push(`silent server: ${silentOk ? 'RemoteTimeoutError after 1 s' : silent.stderr.trim()}`);

  const ok = namesOk && endlessOk && silentOk;
  report('hostile-remote', results.join('; '), ok);
  expect({ namesOk, endlessOk, silentOk, escaped, untouched }).toEqual({ namesOk: true, endlessOk: true, silentOk: true, escaped: [], untouched: [] });
});
