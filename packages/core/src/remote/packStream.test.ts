import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { HttpClient } from 'isomorphic-git';
import { addRemote, createHttpTransport, deploy, push } from '@gitway/core';
import { fsck, generatedApi, git, gitAsync, startGitHttpServer, tempDir, tempRepo } from '@gitway/test-utils';
import { packStream } from './packStream.js';
import { objectsToSend } from './objectsToSend.js';
import { nodeHttpClient } from './nodeHttpClient.js';

describe('the pack a push sends is streamed', { timeout: 240_000 }, () => {
  it('packStream yields a valid pack in bounded chunks that native git indexes', async () => {
    const a = await tempRepo();
    const v1 = await deploy({ ...a, api: generatedApi(600), description: 'big' });
    const oids = await objectsToSend(a, [v1.id], []);
    const chunks: Buffer[] = [];
    for await (const chunk of packStream(a, oids)) chunks.push(chunk);
    // 600 methods deflate to far more than one chunk; no chunk holds more than ~64 KiB plus one object.
    expect(chunks.length).toBeGreaterThan(2);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(64 * 1024 + 4096);
    const bare = path.join(tempDir(), 'p.git');
    execFileSync('git', ['init', '--quiet', '--bare', bare]);
    const packFile = path.join(tempDir(), 'out.pack');
    fs.writeFileSync(packFile, Buffer.concat(chunks));
    execFileSync('git', ['--git-dir', bare, 'index-pack', '--strict', '--stdin'], { input: fs.readFileSync(packFile), stdio: ['pipe', 'pipe', 'pipe'] });
    execFileSync('git', ['--git-dir', bare, 'update-ref', 'refs/heads/main', v1.id]);
    expect(git(bare, 'rev-list', '--objects', '--all').trim().split('\n').length).toBe(oids.length);
    fsck(bare);
  });

  it('push sends it chunked (no content-length) through the smart-HTTP client to git http-backend', async () => {
    const server = await startGitHttpServer({ root: tempDir('gitway-srv-') });
    const bare = server.createRepo('api.git', { receivePack: true });
    const a = await tempRepo();
    await addRemote({ ...a, remote: 'origin', url: server.url('api.git') });
    const v1 = await deploy({ ...a, api: generatedApi(600), description: 'big', stageName: 'prod' });
    const seen: { headers: Record<string, string>; chunks: number }[] = [];
    const recording: HttpClient = {
      async request(req) {
        if (!req.url.endsWith('/git-receive-pack')) return nodeHttpClient.request(req);
        const record = { headers: req.headers ?? {}, chunks: 0 };
        seen.push(record);
        const source = req.body as AsyncIterable<Uint8Array>;
        async function* counted(): AsyncGenerator<Uint8Array> {
          for await (const c of source) {
            record.chunks++;
            yield c;
          }
        }
        return nodeHttpClient.request({ ...req, body: counted() as AsyncIterableIterator<Uint8Array> });
      },
    };
    const pushed = await push({ ...a, stages: ['prod'], transport: createHttpTransport(recording) });
    expect(pushed.updates.map((u) => u.status)).toEqual(['created', 'created']);
    expect(seen.length).toBe(1);
    expect(Object.keys(seen[0]!.headers).map((k) => k.toLowerCase())).not.toContain('content-length');
    expect(seen[0]!.chunks).toBeGreaterThan(2);
    expect((await gitAsync(['ls-remote', server.url('api.git'), 'refs/heads/main'])).split('\t')[0]).toBe(v1.id);
    fsck(bare);
  });
});
