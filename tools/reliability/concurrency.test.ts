import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { deploy, getStageHistory, init } from '@gitway/core';
import { QUICK, WORKERS, fsck, git, report, runNode, tempDir } from './helpers.js';
import { taggedApi } from './workers/api.mjs';

const PROCESSES = 8;
const ITERATIONS = QUICK ? 8 : 25;
const RETRYABLE = new Set(['StageMovedError', 'RefMovedError', 'LockedError']);

test(`concurrency: ${PROCESSES} processes x ${ITERATIONS} deploys + stage moves on one branch and one stage`, async () => {
  const gitdir = path.join(tempDir('concurrency'), '.gitway');
  await init({ fs, gitdir });
  const first = await deploy({ fs, gitdir, api: taggedApi(40, 'base', 0), description: 'base', stageName: 'prod', author: { name: 'setup', email: 's@example.com' } });

  const runs = await Promise.all(
    Array.from({ length: PROCESSES }, (_, w) => runNode([path.join(WORKERS, 'deployWorker.mjs'), gitdir, String(w), String(ITERATIONS), 'prod'])),
  );
  const events = runs.flatMap((r) => r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { op: string; ok: boolean; id?: string; code?: string | null; message?: string; deploymentId?: string }));
  const crashed = runs.filter((r) => r.code !== 0).map((r) => `exit ${r.code} ${r.signal ?? ''}: ${r.stderr.slice(0, 300)}`);
  const deploys = events.filter((e) => e.op === 'deploy');
  const moves = events.filter((e) => e.op === 'move');
  const okDeploys = deploys.filter((e) => e.ok);
  const okMoves = moves.filter((e) => e.ok);
  const errors = events.filter((e) => !e.ok);
  const badErrors = errors.filter((e) => !RETRYABLE.has(e.code ?? ''));

  const problems: string[] = [...crashed];
  // Every deployment commit exists and is on main (no update lost by a concurrent deploy).
  const onMain = new Set(git(gitdir, 'rev-list', 'refs/heads/main').trim().split('\n'));
  const lost = okDeploys.filter((e) => !onMain.has(e.id!));
  if (lost.length) problems.push(`${lost.length} deployments not on main: ${lost.slice(0, 3).map((e) => e.id).join(' ')}`);
  // The stage's own history: exactly one state per successful move, plus its creation.
  const history = await getStageHistory({ fs, gitdir, stageName: 'prod', limit: 100_000 });
  const stageCommits = git(gitdir, 'log', '--first-parent', '--format=%s', 'refs/stages/prod').trim().split('\n').filter((s) => /^(create stage|update stage|deploy) prod/.test(s));
  if (history.length !== okMoves.length + 1) problems.push(`stage history has ${history.length} states, expected ${okMoves.length + 1}`);
  if (stageCommits.length !== okMoves.length + 1) problems.push(`first-parent log has ${stageCommits.length} stage commits, expected ${okMoves.length + 1}`);
  const movedTo = new Map<string, number>();
  for (const m of okMoves) movedTo.set(m.id!, (movedTo.get(m.id!) ?? 0) + 1);
  const historyIds = history.map((h) => h.stage.deploymentId);
  const missingMoves = okMoves.filter((m) => !historyIds.includes(m.id!));
  if (missingMoves.length) problems.push(`${missingMoves.length} successful moves missing from the stage history`);
  if (historyIds[historyIds.length - 1] !== first.id) problems.push('oldest stage state is not the creation');
  const f = fsck(gitdir);
  if (!f.ok) problems.push(`fsck: ${f.output.slice(0, 500)}`);
  if (badErrors.length) problems.push(`${badErrors.length} non-retryable errors: ${badErrors.slice(0, 3).map((e) => `${e.code}: ${e.message}`).join(' | ')}`);
  const leftovers = fs.readdirSync(gitdir, { recursive: true }).map(String).filter((p) => p.endsWith('.lock'));
  if (leftovers.length) problems.push(`lock files left: ${leftovers.join(' ')}`);

  const byCode = [...errors.reduce((m, e) => m.set(e.code ?? 'none', (m.get(e.code ?? 'none') ?? 0) + 1), new Map<string, number>())].map(([k, v]) => `${k}=${v}`).join(' ');
  report(
    'concurrency',
    `${PROCESSES} processes x ${ITERATIONS}: ${okDeploys.length}/${deploys.length} deploys, ${okMoves.length}/${moves.length} stage moves, ${history.length} stage states, retryable errors ${errors.length - badErrors.length}${byCode ? ` (${byCode})` : ''}, failures ${problems.length}${problems.length ? ': ' + problems.join('; ') : ''}`,
    problems.length === 0,
  );
  expect(problems).toEqual([]);
});
