import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fsck, git, snapshotDir, startGitHttpServer, tempDir } from '@gitway/test-utils';
import { gitway, json, initDemo } from './helpers.js';

const edit = (file: string, from: string, to: string) => {
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain(from);
  fs.writeFileSync(file, text.replace(from, to));
};

/** The demo's api.yaml with the comments and quoting a team would add. */
async function commentedDemo() {
  const demo = await initDemo('gitway-cli-worktree-');
  const text = fs.readFileSync(demo.api, 'utf8');
  fs.writeFileSync(demo.api, `# Petstore (owned by api-team)\n${text.replace('  version: "1.0"\n', "  version: '1.0'   # keep in step with the app\n")}`);
  return { ...demo, text: () => fs.readFileSync(demo.api, 'utf8') };
}

describe('gitway switch / merge / clone keep the working definition as written', () => {
  it('switch to another branch and back leaves api.yaml byte-identical, comments included', async () => {
    const { dir, gitdir, api, text } = await commentedDemo();
    await json(dir, 'deploy', '-m', 'v1');
    const main = text();
    expect(await json(dir, 'switch', '-c', 'private')).toMatchObject({ branch: 'private', file: 'api.yaml', restored: 'source' });
    edit(api, 'operationId: listPets', 'operationId: listPetsPrivate  # private name');
    await json(dir, 'deploy', '-m', 'private');
    const priv = text();
    expect((await gitway(dir, 'switch', 'main')).stdout).toMatch(/^Switched to branch 'main' at [0-9a-f]{10}; wrote api\.yaml\n$/);
    expect(text()).toBe(main);
    expect((await gitway(dir, 'status')).stdout).toContain('working definition api.yaml matches the branch tip');
    await json(dir, 'switch', 'private');
    expect(text()).toBe(priv);
    fsck(gitdir);
  });

  it('merge --continue remembers --stage from the merge that stopped, moves the stage and says so; --abort restores', async () => {
    const { dir, gitdir, api, text } = await commentedDemo();
    await json(dir, 'deploy', '-m', 'v1');
    await json(dir, 'switch', '-c', 'private');
    edit(api, 'summary: List all pets', 'summary: Theirs');
    await json(dir, 'deploy', '-m', 'theirs');
    await json(dir, 'switch', 'main');
    edit(api, 'summary: List all pets', 'summary: Ours');
    await json(dir, 'deploy', '-m', 'ours');
    const ours = text();

    const stopped = await gitway(dir, 'merge', 'private', '--stage', 'prod');
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toContain("Fix it, then 'gitway merge --continue' (it will point stage prod at the merge) (or --abort).");
    expect(text()).toBe(ours);
    edit(api, 'summary: Ours', 'summary: half done');
    expect((await gitway(dir, 'merge', '--abort')).stdout).toBe("Merge of 'private' aborted; restored api.yaml.\n");
    expect(text()).toBe(ours);

    expect((await gitway(dir, 'merge', 'private', '--stage', 'prod')).code).toBe(1);
    edit(api, 'summary: Ours', 'summary: Resolved  # agreed with the shop team');
    const resolved = text();
    const done = await gitway(dir, 'merge', '--continue');
    expect(done.code, done.stderr).toBe(0);
    const id = git(gitdir, 'rev-parse', 'main').trim();
    expect(done.stdout).toBe(`[main ${id.slice(0, 10)}] Merge branch 'private' into main\nstage prod created at ${id.slice(0, 10)}\n`);
    expect((await json(dir, 'stage', 'show', 'prod')).deploymentId).toBe(id);
    await json(dir, 'switch', 'private');
    await json(dir, 'switch', 'main');
    expect(text()).toBe(resolved);
    fsck(gitdir);
  });

  it("clone writes the working definition even when the server's HEAD names no branch: status is clean right after", async () => {
    const server = await startGitHttpServer({ root: tempDir('gitway-srv-') });
    // A bare repository made with git's old default: HEAD -> master, which never gets pushed.
    const bare = server.createRepo('api.git', { receivePack: true });
    git(bare, 'symbolic-ref', 'HEAD', 'refs/heads/master');
    const { dir } = await commentedDemo();
    await json(dir, 'deploy', '-m', 'v1', '--stage', 'prod');
    await json(dir, 'remote', 'add', 'origin', server.url('api.git'));
    expect((await gitway(dir, 'push', '--stage', 'prod')).code).toBe(0);
    const parent = tempDir('gitway-cli-');
    const cloned = await gitway(parent, 'clone', server.url('api.git'), 'b');
    expect(cloned.code, cloned.stderr).toBe(0);
    expect(cloned.stdout).toContain('; wrote b/api.yaml');
    const b = path.join(parent, 'b');
    expect(await json(b, 'status')).toMatchObject({ branch: 'main', definition: 'api.yaml', undeployedChanges: 0 });
    expect((await gitway(b, 'status')).stdout).toContain('working definition api.yaml matches the branch tip');
  });

  it('bad input: a malformed or unreadable api.yaml is one error line and nothing changes', async () => {
    const { dir, api } = await commentedDemo();
    await json(dir, 'deploy', '-m', 'v1');
    await json(dir, 'branch', 'other');
    fs.writeFileSync(api, 'openapi: 3.0.1\npaths: [unclosed\n');
    let before = snapshotDir(dir);
    for (const args of [['switch', 'other'], ['merge', 'other']]) {
      const r = await gitway(dir, ...args);
      expect(r.code).toBe(128);
      expect(r.stderr).toMatch(/^error: api\.yaml:\d+:\d+: .*\[ParseError\]\n$/);
      expect(snapshotDir(dir)).toEqual(before);
    }
    fs.rmSync(api);
    fs.mkdirSync(api);
    before = snapshotDir(dir);
    const r = await gitway(dir, 'switch', 'other');
    expect(r.code).toBe(128);
    expect(r.stderr).toBe('error: cannot read api.yaml: EISDIR [NotFoundError]\n');
    expect(snapshotDir(dir)).toEqual(before);
  });
});
