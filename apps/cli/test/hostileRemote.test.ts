import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fsck, git, startGitHttpServer, tempDir } from '@gitway/test-utils';
import { EXAMPLES, gitway, gitwayEnv } from './helpers.js';

/**
 * These lies are told in git's protocol v0, which gitway's own smart-HTTP client speaks:
 * GITWAY_TRANSPORT=http selects it (native git would ask for v2). The native-git
 * transport's hostile cases are in packages/core/test/gitRemote.test.ts.
 */
const HTTP = { GITWAY_TRANSPORT: 'http' };

/** A gitway repository (main + stage prod) served by a real git http-backend that can be told to lie. */
async function served() {
  const server = await startGitHttpServer({ root: tempDir('gitway-srv-') });
  const bare = server.createRepo('api.git', { receivePack: true });
  const a = tempDir('gitway-cli-');
  fs.copyFileSync(path.join(EXAMPLES, 'v1.yaml'), path.join(a, 'api.yaml'));
  expect((await gitway(a, 'init')).code).toBe(0);
  expect((await gitway(a, 'deploy', '-m', 'v1', '--stage', 'prod')).code).toBe(0);
  expect((await gitway(a, 'remote', 'add', 'origin', server.url('api.git'))).code).toBe(0);
  expect((await gitwayEnv(a, HTTP, 'push', '--stage', 'prod')).code).toBe(0);
  return { server, bare, a, main: git(bare, 'rev-parse', 'main').trim(), stage: git(bare, 'rev-parse', 'refs/stages/prod').trim() };
}

// Several processes per test: generous timeouts for a loaded machine (not a speed assertion).
describe('gitway clone / fetch against a hostile git server (built binary)', { timeout: 240_000 }, () => {
  it('reports the refs it refused, writes nothing outside, and the clone stays usable', async () => {
    const { server, main, stage } = await served();
    const outside = tempDir('gitway-outside-');
    server.hostile = {
      refs: [
        { name: `refs/heads/${'../'.repeat(20)}${outside.slice(1)}/FILE`, oid: main },
        { name: 'refs/stages/ctl\x01', oid: stage },
        { name: 'refs/stages/HEAD', oid: stage },
      ],
    };
    const dir = tempDir('gitway-clone-');
    const cloned = await gitwayEnv(dir, HTTP, 'clone', server.url('api.git'), 'c');
    expect(cloned.code).toBe(0);
    expect(cloned.stdout.split('\n').filter((l) => l.includes('skipped')).map((l) => l.replace(/ {2,}/g, '  '))).toEqual([
      `  skipped  refs/heads/${'../'.repeat(20)}${outside.slice(1)}/FILE  (invalid ref name: contains '..')`,
      '  skipped  refs/stages/ctl\\x01  (invalid ref name: contains a control character or space)',
      "  skipped  refs/stages/HEAD  (invalid ref name: 'HEAD' is reserved by gitway)",
    ]);
    expect(fs.readdirSync(outside)).toEqual([]);
    const c = path.join(dir, 'c');
    expect((await gitway(c, 'status')).code).toBe(0);
    expect((await gitway(c, 'stage', 'list', '--json')).stdout).toContain('"stageName": "prod"');
    const fetched = await gitwayEnv(c, HTTP, 'fetch', '--json');
    expect(JSON.parse(fetched.stdout).skipped.map((s: { ref: string }) => s.ref)).toEqual([`refs/heads/${'../'.repeat(20)}${outside.slice(1)}/FILE`, 'refs/stages/ctl\x01', 'refs/stages/HEAD']);
    fsck(path.join(c, '.gitway'));
  });

  it('GITWAY_MAX_PACK_BYTES and GITWAY_REMOTE_TIMEOUT bound an endless or a silent server', async () => {
    const { server, a } = await served();
    server.hostile = { endlessPack: true };
    const b = tempDir('gitway-clone-');
    const big = await gitwayEnv(b, { ...HTTP, GITWAY_MAX_PACK_BYTES: '4M' }, 'clone', server.url('api.git'), 'c');
    expect([big.code, big.stderr]).toEqual([128, `error: remote ${server.url('api.git')} sent more than 4194304 bytes (POST /git-upload-pack); gave up, nothing was changed (raise the limit with maxPackBytes) [TooLargeError]\n`]);
    expect(fs.existsSync(path.join(b, 'c'))).toBe(false);
    server.hostile = { silent: 'info/refs' };
    const silent = await gitwayEnv(a, { ...HTTP, GITWAY_REMOTE_TIMEOUT: '0.5' }, 'fetch');
    expect([silent.code, silent.stderr]).toEqual([128, `error: remote ${server.url('api.git')} sent nothing for 0.5 s while waiting for an answer (GET /info/refs); gave up, nothing was changed [RemoteTimeoutError]\n`]);
    const bad = await gitwayEnv(a, { ...HTTP, GITWAY_MAX_PACK_BYTES: 'lots' }, 'fetch');
    expect(bad.stderr).toBe("error: GITWAY_MAX_PACK_BYTES='lots' is not a size (bytes, or with K, M, G) [InvalidParameterError]\n");
  });
});
