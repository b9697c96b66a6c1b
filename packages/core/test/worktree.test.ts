import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  abortMergeWorktree, addRemote, buildAwsExport, checkoutWorking, cloneWorktree, continueMergeWorktree, deploy, Errors, exportDefinition, getStage, mergeWorktree,
  parseDefinition, pullWorktree, push, readSource, switchWorktree, undeployedChanges,
} from '@gitway/core';
import { fsck, git, snapshotDir, startGitHttpServer, tempDir, tempRepo } from '@gitway/test-utils';

const EXAMPLE = path.resolve(import.meta.dirname, '../../../examples/petstore/v1.yaml');

/** examples/petstore/v1.yaml as a user keeps it: comments, `openapi` after `info`, single quotes. */
function userDocument(): string {
  const v1 = fs.readFileSync(EXAMPLE, 'utf8');
  const [first, ...rest] = v1.split('\n');
  expect(first).toBe('openapi: 3.0.1');
  const body = rest.join('\n').replace('  version: "1.0"\n', "  version: '1.0' # bumped by hand\n");
  const withInfoFirst = body.replace(/^(info:\n(?: {2}.*\n)+)/, '$1openapi: 3.0.1\n');
  return `# Petstore, as the team writes it.\n# Owner: api-team\n${withInfoFirst}`
    .replace('    get:\n      operationId: listPets', '    # the listing the shop front calls\n    get:\n      operationId: listPets')
    .replace('    post:\n      operationId: createPet', '    post:   # admin only\n      operationId: createPet');
}

function edit(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as { code: string }).code;
  }
  throw new Error('expected a rejection');
}

type Repo = Awaited<ReturnType<typeof tempRepo>>;
const apiFile = (repo: Repo) => path.join(repo.dir, 'api.yaml');
const readApiFile = (repo: Repo) => fs.readFileSync(apiFile(repo), 'utf8');

/** Writes `text` as api.yaml and deploys it (with its source) as the CLI does. */
async function deployText(repo: Repo, text: string, description: string, extra: { stageName?: string } = {}) {
  fs.writeFileSync(apiFile(repo), text);
  const api = await parseDefinition({ text, filename: 'api.yaml' });
  return deploy({ ...repo, api, description, source: { text, filename: 'api.yaml' }, ...extra });
}

/** main at the user document, then `private` and `main` each deploy their edit of it; HEAD on main. */
async function diverged(repo: Repo, theirs: (base: string) => string, ours: (base: string) => string): Promise<{ base: string; theirs: string; ours: string }> {
  const base = userDocument();
  await deployText(repo, base, 'v1');
  await switchWorktree({ ...repo, name: 'private', create: true });
  const t = theirs(base);
  await deployText(repo, t, 'theirs');
  await switchWorktree({ ...repo, name: 'main' });
  const o = ours(base);
  await deployText(repo, o, 'ours');
  return { base, theirs: t, ours: o };
}

describe('worktree: the working definition kept as the user wrote it', () => {
  it('switch there and back leaves api.yaml byte-identical; the source lives outside the API tree', async () => {
    const repo = await tempRepo();
    const main = userDocument();
    const v1 = await deployText(repo, main, 'v1');
    expect(git(repo.gitdir, 'cat-file', 'blob', `refs/gitway/sources/${v1.id}:api.yaml`)).toBe(main);
    expect(git(repo.gitdir, 'log', '--format=%H %P %s', `refs/gitway/sources/${v1.id}`).trim()).toMatch(new RegExp(`^[0-9a-f]{40}  source of ${v1.id}$`));

    // Same API -> same tree, whatever the document looked like.
    const other = await tempRepo();
    const plain = await deploy({ ...other, api: await parseDefinition({ text: main, filename: 'api.yaml' }), description: 'v1' });
    expect(plain.tree).toBe(v1.tree);
    expect(await readSource({ ...other, rev: plain.id })).toBeNull();

    expect(await switchWorktree({ ...repo, name: 'private', create: true })).toEqual({ branch: 'private', id: v1.id, file: apiFile(repo), restored: 'source' });
    const priv = edit(main, 'operationId: listPets', 'operationId: listPetsPrivate # renamed on private');
    const p1 = await deployText(repo, priv, 'private change');
    expect(readApiFile(repo)).toBe(priv);

    expect(await switchWorktree({ ...repo, name: 'main' })).toMatchObject({ id: v1.id, restored: 'source' });
    expect(readApiFile(repo)).toBe(main);
    expect((await undeployedChanges(repo)).count).toBe(0);
    expect(await switchWorktree({ ...repo, name: 'private' })).toMatchObject({ id: p1.id, restored: 'source' });
    expect(readApiFile(repo)).toBe(priv);
    expect(await readSource({ ...repo, rev: 'private' })).toEqual({ id: p1.id, text: priv, filename: 'api.yaml' });
    fsck(repo.gitdir);
  });

  it('a redeploy of the same API with other comments records the new text as the next commit of that record', async () => {
    const repo = await tempRepo();
    const first = userDocument();
    const v1 = await deployText(repo, first, 'v1');
    const second = edit(first, '# Owner: api-team', '# Owner: platform-team');
    const again = await deployText(repo, second, 'v1 again');
    expect(again).toMatchObject({ id: v1.id, created: false });
    expect(git(repo.gitdir, 'rev-list', '--count', `refs/gitway/sources/${v1.id}`).trim()).toBe('2');
    expect((await readSource({ ...repo, rev: v1.id }))?.text).toBe(second);
    expect(await checkoutWorking({ ...repo, rev: 'main' })).toEqual({ id: v1.id, file: apiFile(repo), restored: 'source' });
    expect(readApiFile(repo)).toBe(second);
    fsck(repo.gitdir);
  });

  it('edits to the text alone (a comment) are not discarded by switch: deploy records them, or --force', async () => {
    const repo = await tempRepo();
    const text = userDocument();
    const v1 = await deployText(repo, text, 'v1');
    await switchWorktree({ ...repo, name: 'other', create: true });
    const commented = edit(text, '# Owner: api-team', '# Owner: api-team (ask in #api)');
    fs.writeFileSync(apiFile(repo), commented);
    expect((await undeployedChanges(repo)).count).toBe(0);
    const refused = await switchWorktree({ ...repo, name: 'main' }).catch((e: Errors.ConflictError) => e);
    expect(refused).toBeInstanceOf(Errors.ConflictError);
    expect((refused as Errors.ConflictError).data.reason).toBe('edited');
    expect(readApiFile(repo)).toBe(commented);
    expect(await deployText(repo, commented, 'comment')).toMatchObject({ id: v1.id, created: false });
    await switchWorktree({ ...repo, name: 'main' });
    expect(readApiFile(repo)).toBe(commented);
    fs.writeFileSync(apiFile(repo), text);
    expect(await switchWorktree({ ...repo, name: 'other', force: true })).toMatchObject({ restored: 'source' });
    expect(readApiFile(repo)).toBe(commented);
  });

  it('deployments without a source record are rendered canonically (old repositories)', async () => {
    const repo = await tempRepo();
    const text = userDocument();
    const api = await parseDefinition({ text, filename: 'api.yaml' });
    const d = await deploy({ ...repo, api, description: 'no source' });
    fs.writeFileSync(apiFile(repo), 'stale');
    expect(await checkoutWorking({ ...repo, rev: d.id })).toMatchObject({ restored: 'rendered' });
    expect(readApiFile(repo)).toBe(exportDefinition({ api }));
  });

  it('a clean merge edits our document in place: untouched comments, order and quotes stay', async () => {
    const repo = await tempRepo();
    const { ours } = await diverged(
      repo,
      (base) => edit(base, 'summary: List all pets', 'summary: List every pet'),
      (base) => edit(base, 'summary: Create a pet', 'summary: Create one pet # ours'),
    );

    const r = await mergeWorktree({ ...repo, theirs: 'private' });
    expect(r).toMatchObject({ status: 'merged', branch: 'main', restored: 'edited', file: apiFile(repo), stage: null });
    const merged = readApiFile(repo);
    expect(merged).toBe(edit(ours, 'summary: List all pets', 'summary: List every pet'));
    expect((await readSource({ ...repo, rev: r.id }))?.text).toBe(merged);
    expect((await undeployedChanges(repo)).count).toBe(0);
    await switchWorktree({ ...repo, name: 'private' });
    await switchWorktree({ ...repo, name: 'main' });
    expect(readApiFile(repo)).toBe(merged);
    fsck(repo.gitdir);
  });

  it('a merge that adds keys keeps every comment; a JSON working definition keeps its key order', async () => {
    const repo = await tempRepo();
    const { base } = await diverged(
      repo,
      (b) => edit(b, '      summary: List all pets\n', '      summary: List all pets\n      description: Sorted by id.\n'),
      (b) => edit(b, 'summary: Create a pet', 'summary: Create one pet'),
    );
    const r = await mergeWorktree({ ...repo, theirs: 'private' });
    expect(r).toMatchObject({ status: 'merged', restored: 'edited' });
    const merged = readApiFile(repo);
    for (const comment of ['# Petstore, as the team writes it.', '# Owner: api-team', "version: '1.0' # bumped by hand", '# the listing the shop front calls', '# admin only']) expect(merged).toContain(comment);
    expect(merged).toContain('description: Sorted by id.');
    expect(merged).toContain('summary: Create one pet');
    expect(merged.indexOf('info:')).toBeLessThan(merged.indexOf('openapi: 3.0.1'));
    expect((await undeployedChanges(repo)).count).toBe(0);

    const j = await tempRepo();
    git(j.gitdir, 'config', 'gitway.definition', 'api.json');
    const doc = JSON.parse(exportDefinition({ api: await parseDefinition({ text: base, filename: 'api.yaml' }), syntax: 'json' }));
    const reordered = { paths: doc.paths, info: doc.info, openapi: doc.openapi, ...doc };
    const jsonText = JSON.stringify(reordered, null, 4) + '\n';
    const write = async (text: string, m: string) => {
      fs.writeFileSync(path.join(j.dir, 'api.json'), text);
      return deploy({ ...j, api: await parseDefinition({ text, filename: 'api.json' }), description: m, source: { text, filename: 'api.json' } });
    };
    await write(jsonText, 'v1');
    await switchWorktree({ ...j, name: 'private', create: true });
    await write(jsonText.replace('"List all pets"', '"List every pet"'), 'theirs');
    await switchWorktree({ ...j, name: 'main' });
    expect(fs.readFileSync(path.join(j.dir, 'api.json'), 'utf8')).toBe(jsonText);
    await write(jsonText.replace('"Create a pet"', '"Create one pet"'), 'ours');
    expect(await mergeWorktree({ ...j, theirs: 'private' })).toMatchObject({ status: 'merged', restored: 'edited' });
    expect(fs.readFileSync(path.join(j.dir, 'api.json'), 'utf8')).toBe(jsonText.replace('"Create a pet"', '"Create one pet"').replace('"List all pets"', '"List every pet"'));
    fsck(repo.gitdir);
    fsck(j.gitdir);
  });

  it('a conflicted merge: --abort restores the file byte for byte; --continue remembers the stage and moves it', async () => {
    const repo = await tempRepo();
    const { ours } = await diverged(
      repo,
      (base) => edit(base, 'summary: List all pets', 'summary: Theirs'),
      (base) => edit(base, 'summary: List all pets', 'summary: Ours'),
    );
    const refs = git(repo.gitdir, 'show-ref');

    const conflict = await mergeWorktree({ ...repo, theirs: 'private', stageName: 'prod' }).catch((e: unknown) => e as Errors.MergeConflictError);
    expect(conflict).toBeInstanceOf(Errors.MergeConflictError);
    expect((conflict as Errors.MergeConflictError).data.file).toBe(apiFile(repo));
    expect(git(repo.gitdir, 'show-ref')).toBe(refs);
    expect(readApiFile(repo)).toBe(ours); // ours at the conflict, comments kept
    expect(JSON.parse(fs.readFileSync(path.join(repo.gitdir, 'GITWAY_MERGE.json'), 'utf8')).followUp).toEqual({ stageName: 'prod' });

    // The user edits the file while resolving; --abort gives back what was there before the merge.
    fs.writeFileSync(apiFile(repo), edit(ours, 'summary: Ours', 'summary: half-resolved'));
    expect(await abortMergeWorktree(repo)).toMatchObject({ theirsName: 'private', restored: 'saved' });
    expect(readApiFile(repo)).toBe(ours);
    expect(fs.readdirSync(repo.gitdir).filter((f) => /MERGE/.test(f))).toEqual([]);

    await expect(mergeWorktree({ ...repo, theirs: 'private', stageName: 'prod' })).rejects.toThrow(Errors.MergeConflictError);
    const resolved = edit(ours, 'summary: Ours', 'summary: Resolved # both agreed');
    fs.writeFileSync(apiFile(repo), resolved);
    const done = await continueMergeWorktree(repo);
    expect(done).toMatchObject({ status: 'merged', followUp: { stageName: 'prod' }, stage: { created: true } });
    expect((await getStage({ ...repo, stageName: 'prod' })).stage.deploymentId).toBe(done.id);
    expect((await readSource({ ...repo, rev: done.id }))?.text).toBe(resolved);
    expect(git(repo.gitdir, 'rev-list', '--parents', '-n1', 'main').trim().split(' ')).toHaveLength(3);
    fsck(repo.gitdir);
  });

  it('bad input: a malformed or unreadable working definition is one error and nothing changes', async () => {
    const repo = await tempRepo();
    await deployText(repo, userDocument(), 'v1');
    await switchWorktree({ ...repo, name: 'private', create: true });
    fs.writeFileSync(apiFile(repo), 'openapi: 3.0.1\npaths: [unclosed\n');
    const before = snapshotDir(repo.dir);
    expect(await codeOf(switchWorktree({ ...repo, name: 'main' }))).toBe('ParseError');
    expect(await codeOf(mergeWorktree({ ...repo, theirs: 'main' }))).toBe('ParseError');
    expect(snapshotDir(repo.dir)).toEqual(before);

    fs.rmSync(apiFile(repo));
    fs.mkdirSync(apiFile(repo));
    const before2 = snapshotDir(repo.dir);
    const err = await switchWorktree({ ...repo, name: 'main' }).catch((e: Error & { code: string }) => e);
    expect((err as { code: string }).code).toBe('NotFoundError');
    expect((err as Error).message).toBe('cannot read api.yaml: EISDIR');
    expect(snapshotDir(repo.dir)).toEqual(before2);
    expect(await codeOf(continueMergeWorktree(repo))).toBe('NotFoundError');
  });

  it('native git carries the source records: a mirror clone restores the document byte for byte', async () => {
    const repo = await tempRepo();
    const text = userDocument();
    const v1 = await deployText(repo, text, 'v1', { stageName: 'prod' });
    const dir = tempDir();
    execFileSync('git', ['clone', '--quiet', '--mirror', repo.gitdir, path.join(dir, '.gitway')]);
    const b = { fs, gitdir: path.join(dir, '.gitway'), cache: {} };
    fsck(b.gitdir);
    expect(await checkoutWorking({ ...b, rev: 'prod' })).toEqual({ id: v1.id, file: path.join(dir, 'api.yaml'), restored: 'source' });
    expect(fs.readFileSync(path.join(dir, 'api.yaml'), 'utf8')).toBe(text);
  });

  it('cloneWorktree writes the working definition: status is clean right after', async () => {
    const server = await startGitHttpServer({ root: tempDir('gitway-srv-') });
    server.createRepo('api.git', { receivePack: true });
    const a = await tempRepo();
    const v1 = await deployText(a, userDocument(), 'v1', { stageName: 'prod' });
    await addRemote({ ...a, remote: 'origin', url: server.url('api.git') });
    await push({ ...a, stages: ['prod'] });
    const dir = tempDir();
    const b = { fs, gitdir: path.join(dir, '.gitway'), cache: {} };
    const r = await cloneWorktree({ ...b, url: server.url('api.git') });
    expect(r).toMatchObject({ branch: 'main', file: path.join(dir, 'api.yaml') });
    expect(await undeployedChanges(b)).toEqual({ count: 0, exists: true, tip: v1.id, file: path.join(dir, 'api.yaml') });
    fsck(b.gitdir);
  });

  it('pullWorktree moves the working definition with the branch, and leaves an unparsable one alone', async () => {
    const server = await startGitHttpServer({ root: tempDir('gitway-srv-') });
    server.createRepo('api.git', { receivePack: true });
    const a = await tempRepo();
    const text = userDocument();
    await deployText(a, text, 'v1');
    await addRemote({ ...a, remote: 'origin', url: server.url('api.git') });
    await push(a);
    const dir = tempDir();
    const b = { fs, gitdir: path.join(dir, '.gitway'), cache: {} };
    await cloneWorktree({ ...b, url: server.url('api.git') });
    const v2 = await deployText(a, edit(text, 'summary: List all pets', 'summary: List every pet'), 'v2');
    await push(a);
    const pulled = await pullWorktree({ ...b, remote: 'origin' });
    expect(pulled.working).toEqual({ branch: 'main', id: v2.id, updated: true, file: path.join(dir, 'api.yaml'), restored: expect.stringMatching(/^(source|rendered)$/) });
    expect(await undeployedChanges(b)).toMatchObject({ count: 0, tip: v2.id });

    await deployText(a, edit(text, 'summary: List all pets', 'summary: v3'), 'v3');
    await push(a);
    fs.writeFileSync(path.join(dir, 'api.yaml'), 'paths: [unclosed\n');
    const kept = await pullWorktree({ ...b, remote: 'origin' });
    expect(kept.working).toMatchObject({ updated: false, kept: { reason: 'unreadable', error: expect.stringMatching(/^api\.yaml:\d+:\d+: /) } });
    expect(fs.readFileSync(path.join(dir, 'api.yaml'), 'utf8')).toBe('paths: [unclosed\n');
    fsck(b.gitdir);
  });

  it('buildAwsExport builds the aws CLI inputs without writing anything', async () => {
    const repo = await tempRepo();
    const v1 = await deployText(repo, userDocument(), 'v1', { stageName: 'prod' });
    const before = snapshotDir(repo.dir);
    const out = await buildAwsExport({ ...repo, rev: 'prod', stageName: 'prod' });
    expect(out.id).toBe(v1.id);
    expect(Object.keys(out.files).sort()).toEqual(['api.json', 'create-deployment.json', 'update-stage.json']);
    expect(JSON.parse(out.files['create-deployment.json']!)).toEqual({ description: 'v1', stageName: 'prod' });
    expect(JSON.parse(out.files['api.json']!).openapi).toBe('3.0.1');
    expect(out.notes).toEqual([]);
    expect(snapshotDir(repo.dir)).toEqual(before);
  });
});
