import { describe, expect, it } from 'vitest';
import { addRemote, deploy, fetch, push } from '@gitway/core';
import { sampleApi, startGitHttpServer, tempDir, tempRepo } from '@gitway/test-utils';

// Node's global HTTP agent closes a socket after 5 s of silence; a git server that takes
// longer to start its answer (counting objects of a big repository) is normal.
describe('a slow but honest git server', () => {
  it('is waited for longer than 5 s of silence (default idle timeout 10 min)', async () => {
    const server = await startGitHttpServer({ root: tempDir('gitway-srv-') });
    server.createRepo('api.git', { receivePack: true });
    const a = await tempRepo();
    await addRemote({ ...a, remote: 'origin', url: server.url('api.git') });
    const v1 = await deploy({ ...a, api: sampleApi('v1'), stageName: 'prod' });
    await push({ ...a, stages: ['prod'] });
    const b = await tempRepo();
    await addRemote({ ...b, remote: 'origin', url: server.url('api.git') });
    server.hostile = { delayMs: 6500 };
    const fetched = await fetch({ ...b });
    expect(fetched.updates.find((u) => u.ref === 'refs/remotes/origin/main')).toMatchObject({ status: 'created', new: v1.id });
  }, 60_000);
});
