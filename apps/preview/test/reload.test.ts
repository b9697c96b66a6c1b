import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deploy, type Api } from '@gitway/core';
import { createPreviewServer, storeLoader } from '@gitway/preview';
import { sampleApi, tempRepo } from '@gitway/test-utils';
import { portOf } from './fixture.js';

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});
const listen = async (server: Server) => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closing.push(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return `http://127.0.0.1:${portOf(server)}`;
};
const text = async (url: string) => {
  const res = await fetch(url);
  return `${res.status} ${await res.text()}`;
};

/** sampleApi whose proxy route goes to `${backend}/<tag>/{proxy}`: the backend's answer names the snapshot that sent it. */
function tagged(tag: string): Api {
  const api = sampleApi(tag);
  api.resources['/{proxy+}']!.resourceMethods.ANY!.methodIntegration!.uri = `\${stageVariables.backend}/${tag}/{proxy}`;
  return api;
}

/** A repository with stage prod on `v1`, served by a preview (stage workers on) whose loader stats the ref per request. */
async function served() {
  const repo = await tempRepo();
  const held: ServerResponse[] = [];
  const backend = await listen(createServer((req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('content-type', 'application/json');
    if (req.url!.endsWith('/slow')) held.push(res);
    else res.end(JSON.stringify({ path: req.url }));
  }));
  closing.push(async () => void held.splice(0).forEach((r) => r.end()));
  const v1 = (await deploy({ ...repo, api: tagged('v1'), description: 'v1', stageName: 'prod', variables: { backend } })).id;
  const log: string[] = [];
  const loadStage = storeLoader({ gitdir: repo.gitdir, watch: false, log: (line) => log.push(line) });
  const server = await createPreviewServer({ loadStage, port: 0 });
  closing.push(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
  const base = `http://127.0.0.1:${portOf(server)}`;
  closing.push(async () => fs.rmSync(repo.dir, { recursive: true, force: true }));
  return { repo, v1, base, log, held };
}

describe('reloading a stage', () => {
  it('a request in flight finishes on the snapshot it started on; the next one gets the new snapshot', async () => {
    const s = await served();
    expect(await text(`${s.base}/prod/pets`)).toBe('200 {"version":"v1","pets":[]}');
    const slow = text(`${s.base}/prod/slow`);
    await expect.poll(() => s.held.length, { timeout: 30_000 }).toBe(1);
    await deploy({ ...s.repo, api: tagged('v2'), description: 'v2', stageName: 'prod' });
    expect(await text(`${s.base}/prod/fast`)).toBe('200 {"path":"/v2/fast"}');
    expect(await text(`${s.base}/prod/pets`)).toBe('200 {"version":"v2","pets":[]}');
    s.held[0]!.end(JSON.stringify({ path: '/v1/slow (released)' }));
    expect(await slow).toBe('200 {"path":"/v1/slow (released)"}');
    expect(s.log).toEqual([]);
  });

  it('a reload that meets a corrupt object keeps serving the last good snapshot and logs one line; a good state is served again', async () => {
    const s = await served();
    expect(await text(`${s.base}/prod/pets`)).toBe('200 {"version":"v1","pets":[]}');
    // v2 is written as loose objects: damage the blob of its GET /pets.
    const v2 = (await deploy({ ...s.repo, api: tagged('v2'), description: 'v2', stageName: 'prod' })).id;
    const blob = execFileSync('git', ['--git-dir', s.repo.gitdir, 'rev-parse', `${v2}:paths/pets/@GET.json`], { encoding: 'utf8' }).trim();
    const file = path.join(s.repo.gitdir, 'objects', blob.slice(0, 2), blob.slice(2));
    const saved = fs.readFileSync(file);
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, Buffer.from('not zlib'));
    for (let i = 0; i < 3; i++) expect(await text(`${s.base}/prod/pets`)).toBe('200 {"version":"v1","pets":[]}');
    expect(s.log).toEqual([`stage prod: cannot load its new state (corrupt object ${blob}: it does not inflate (bad zlib data) (loose object); run 'git fsck' on the repository); still serving deployment ${s.v1}`]);
    // Repaired, and the ref moves again: the new state is read and served.
    fs.writeFileSync(file, saved);
    await deploy({ ...s.repo, api: tagged('v3'), description: 'v3', stageName: 'prod' });
    expect(await text(`${s.base}/prod/pets`)).toBe('200 {"version":"v3","pets":[]}');
    expect(s.log).toHaveLength(1);
  });

  it('a stage ref moved to a missing commit keeps the last good snapshot; a stage that never loaded answers 503', async () => {
    const s = await served();
    expect(await text(`${s.base}/prod/pets`)).toBe('200 {"version":"v1","pets":[]}');
    const ref = path.join(s.repo.gitdir, 'refs', 'stages', 'prod');
    fs.writeFileSync(ref + '.lock', 'f'.repeat(40) + '\n');
    fs.renameSync(ref + '.lock', ref);
    expect(await text(`${s.base}/prod/pets`)).toBe('200 {"version":"v1","pets":[]}');
    expect(s.log).toHaveLength(1);
    expect(s.log[0]).toMatch(new RegExp(`^stage prod: cannot load its new state \\(.*ffffffffff.*\\); still serving deployment ${s.v1}$`));
    fs.writeFileSync(path.join(s.repo.gitdir, 'refs', 'stages', 'other'), 'f'.repeat(40) + '\n');
    expect(await text(`${s.base}/other/pets`)).toBe('503 {"message":"Service Unavailable"}');
  });
});
