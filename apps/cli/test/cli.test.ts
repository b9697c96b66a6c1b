import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir, fsck, git, snapshotDir } from '@gitway/test-utils';
import { gitway, spawnGitway, gitwayEnv, json, EXAMPLES, initDemo } from './helpers.js';

const demoDir = async (): Promise<string> => (await initDemo('gitway-cli-')).dir;

describe('gitway CLI', () => {
  it('init -> deploy v1 --stage prod -> deploy v2 --stage prod -> stage history -> rollback -> log', async () => {
    const dir = await demoDir();
    const v1 = await json(dir, 'deploy', '-m', 'v1', '--stage', 'prod', '--variables', 'backend=http://127.0.0.1:9000');
    expect(Object.keys(v1).sort()).toEqual(['createdDate', 'description', 'id']);
    expect(v1.id).toMatch(/^[0-9a-f]{40}$/);
    expect(v1.description).toBe('v1');
    fs.copyFileSync(path.join(EXAMPLES, 'v2.yaml'), path.join(dir, 'api.yaml'));
    const v2 = await json(dir, 'deploy', '-m', 'v2', '--stage', 'prod');

    const stage = await json(dir, 'stage', 'show', 'prod');
    expect(stage).toMatchObject({ stageName: 'prod', deploymentId: v2.id, variables: { backend: 'http://127.0.0.1:9000' }, cacheClusterEnabled: false, tracingEnabled: false });
    expect(stage.createdDate).toMatch(/^\d{4}-\d\d-\d\dT/);

    const history = await json(dir, 'stage', 'history', 'prod');
    expect(history.items.map((i: any) => i.deploymentId)).toEqual([v2.id, v1.id]);
    expect(history.items[0]).toMatchObject({ author: { name: 'CLI Test', email: 'cli@example.com' } });
    expect(history.items[0].updatedDate).toMatch(/Z$/);

    const rolled = await json(dir, 'rollback', 'prod');
    expect(rolled.deploymentId).toBe(v1.id);
    const human = await gitway(dir, 'stage', 'history', 'prod');
    expect(human.stdout).toContain(`prod@{0}  ${v1.id.slice(0, 10)}`);
    expect(human.stdout).toContain('rollback prod');

    const log = await json(dir, 'log');
    expect(log).toEqual({ items: [{ id: v2.id, description: 'v2', createdDate: v2.createdDate }, { id: v1.id, description: 'v1', createdDate: v1.createdDate }] });
    expect((await gitway(dir, 'log', '--oneline')).stdout).toContain(`${v1.id.slice(0, 10)} (stage:prod) v1`);

    const list = await json(dir, 'stage', 'list');
    expect(list.item.map((s: any) => s.stageName)).toEqual(['prod']);

    // native git reads the same history
    const gitdir = path.join(dir, '.gitway');
    fsck(gitdir);
    expect(git(gitdir, 'log', '--first-parent', '--format=%s', 'refs/stages/prod').trim().split('\n').slice(0, 3)).toEqual([
      `rollback prod: ${v2.id.slice(0, 10)} -> ${v1.id.slice(0, 10)}`,
      `deploy prod: ${v2.id.slice(0, 10)} (v2)`,
      `create stage prod: ${v1.id.slice(0, 10)} (v1)`,
    ]);
    expect(git(gitdir, 'cat-file', '-p', 'refs/stages/prod:stage.json')).toContain(`"deploymentId": "${v1.id}"`);
  });

  it('stage create/update/delete with patch operations and friendly flags', async () => {
    const dir = await demoDir();
    const v1 = await json(dir, 'deploy', '-m', 'v1');
    await json(dir, 'stage', 'create', 'dev', '--deployment', v1.id.slice(0, 7), '--variables', 'a=1,b=2');
    const updated = await json(dir, 'stage', 'update', 'dev', '--patch', 'op=replace,path=/*/*/throttling/rateLimit,value=50', '--patch', 'op=replace,path=/~1pets/GET/caching/enabled,value=true', '--unset-variable', 'a', '--variables', 'c=x:y/z', '--description', 'the dev stage');
    expect(updated.variables).toEqual({ b: '2', c: 'x:y/z' });
    expect(updated.methodSettings).toEqual({ '*/*': { throttlingRateLimit: 50 }, 'pets/GET': { cachingEnabled: true } });
    expect(updated.description).toBe('the dev stage');
    const patchFile = path.join(dir, 'patch.json');
    fs.writeFileSync(patchFile, JSON.stringify({ patchOperations: [{ op: 'replace', path: '/tracingEnabled', value: 'true' }] }));
    expect((await json(dir, 'stage', 'update', 'dev', '--patch-file', 'patch.json')).tracingEnabled).toBe(true);
    expect((await gitway(dir, 'stage', 'delete', 'dev')).code).toBe(0);
    expect(await json(dir, 'stage', 'list')).toEqual({ item: [] });
    fsck(path.join(dir, '.gitway'));
  });

  it('bad input: one clear line, an error code, exit status, repository unchanged', async () => {
    const dir = await demoDir();
    await json(dir, 'deploy', '-m', 'v1', '--stage', 'prod');
    const before = snapshotDir(path.join(dir, '.gitway'));
    const cases: [string[], number, RegExp][] = [
      [['stage', 'create', '../x', '--deployment', 'main'], 128, /invalid stage name '\.\.\/x'.*\[InvalidNameError\]/],
      [['stage', 'create', 'a..b', '--deployment', 'main'], 128, /InvalidNameError/],
      [['stage', 'create', 'x.lock', '--deployment', 'main'], 128, /InvalidNameError/],
      [['stage', 'create', 'x'.repeat(129), '--deployment', 'main'], 128, /InvalidNameError/],
      [['stage', 'create', 'dev', '--deployment', 'nope'], 128, /unknown revision 'nope'.*branch main.*stage prod.*\[NotFoundError\]/],
      [['stage', 'update', 'prod', '--variables', 'bad-name=1'], 128, /InvalidNameError/],
      [['stage', 'update', 'prod', '--variables', 'x=has space'], 128, /InvalidParameterError/],
      [['stage', 'update', 'prod', '--patch', 'op=replace,path=/nope,value=1'], 128, /Invalid patch path '\/nope'/],
      [['stage', 'update', 'prod', '--patch', 'garbage'], 128, /invalid patch operation/],
      [['stage', 'update', 'prod', '--patch-file', 'missing.json'], 128, /patch file not found/],
      [['stage', 'show', 'nope'], 128, /stage 'nope' not found.*\[NotFoundError\]/],
      [['rollback', 'prod'], 128, /no earlier deployment.*\[NothingToRollbackError\]/],
      [['show', 'main~3'], 128, /goes back past the first deployment/],
      [['show', 'prod@{9}'], 128, /does not exist/],
      [['deploy', '-f', 'missing.yaml'], 128, /definition file not found: missing.yaml/],
      [['stage', 'frobnicate'], 2, /Unknown argument|Specify a subcommand/],
      [['deploy', '--bogus'], 2, /Unknown argument/],
      [[], 2, /Specify a command/],
    ];
    for (const [args, code, pattern] of cases) {
      const r = await gitway(dir, ...args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr, args.join(' ')).toMatch(pattern);
      expect(r.stderr.split('\n')[0], args.join(' ')).not.toMatch(/^\s+at /);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
    expect(snapshotDir(path.join(dir, '.gitway'))).toEqual(before);
  });

  it('a bad definition file: file and place in one line, nothing written', async () => {
    const dir = await demoDir();
    await json(dir, 'deploy', '-m', 'v1', '--stage', 'prod');
    const before = snapshotDir(path.join(dir, '.gitway'));
    const files: [string, string, RegExp][] = [
      ['broken.yaml', 'openapi: 3.0.1\ninfo:\n  title: [unclosed\n', /^error: broken\.yaml:\d+:\d+: .*\[ParseError\]$/],
      ['broken.json', '{\n  "openapi": "3.0.1",\n  "paths": {,}\n}\n', /^error: broken\.json:3:\d+: .*\[ParseError\]$/],
      ['notoas.yaml', 'hello: world\n', /not an OpenAPI 3\.0 or Swagger 2\.0 document.*\[InvalidDefinitionError\]$/],
      ['oas31.yaml', 'openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths: {}\n', /OpenAPI 3\.1 is not supported by API Gateway import.*\[InvalidDefinitionError\]$/],
      ['proto.yaml', 'openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n  /a:\n    __proto__: { polluted: true }\n', /proto\.yaml:5:\d+: .*forbidden key "__proto__".*\[InvalidDefinitionError\]$/],
      ['dupop.yaml', 'openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n  /a:\n    get: { operationId: x, responses: {} }\n  /b:\n    get: { operationId: x, responses: {} }\n', /operationId.*\[InvalidDefinitionError\]$/],
      ['badpath.yaml', 'openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n  /a/{b:\n    get: { responses: {} }\n', /InvalidDefinitionError/],
    ];
    for (const [name, text, pattern] of files) {
      fs.writeFileSync(path.join(dir, name), text);
      const r = await gitway(dir, 'deploy', '-f', name, '--stage', 'prod');
      expect(r.code, name).toBe(128);
      expect(r.stderr.trim().split('\n'), name).toHaveLength(1);
      expect(r.stderr.trim(), name).toMatch(pattern);
    }
    expect(snapshotDir(path.join(dir, '.gitway'))).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a bad GITWAY_AUTHOR_DATE is refused before anything is written', async () => {
    const dir = await demoDir();
    const before = snapshotDir(path.join(dir, '.gitway'));
    const r = await gitwayEnv(dir, { GITWAY_AUTHOR_DATE: 'yesterday-ish' }, 'deploy', '-m', 'v1');
    expect(r.code).toBe(128);
    expect(r.stderr.trim()).toMatch(/^error: GITWAY_AUTHOR_DATE is not a date: 'yesterday-ish'.*\[InvalidParameterError\]$/);
    expect(snapshotDir(path.join(dir, '.gitway'))).toEqual(before);
    const ok = await gitwayEnv(dir, { GITWAY_AUTHOR_DATE: '2026-01-31T12:00:00Z' }, 'deploy', '-m', 'v1', '--json');
    expect(JSON.parse(ok.stdout).createdDate).toBe('2026-01-31T12:00:00.000Z');
  });

  it('outside a repository says so', async () => {
    const dir = tempDir();
    const r = await gitway(dir, 'log');
    expect(r.code).toBe(128);
    expect(r.stderr).toMatch(/not a gitway repository.*\[NotARepositoryError\]/);
  });

  it('two concurrent processes deploying to one stage lose no update', async () => {
    const dir = await demoDir();
    await json(dir, 'deploy', '-m', 'base', '--stage', 'prod');
    fs.copyFileSync(path.join(EXAMPLES, 'v2.yaml'), path.join(dir, 'v2.yaml'));
    const runs = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        spawnGitway(dir, {}, 'deploy', '-f', i % 2 ? 'v2.yaml' : 'api.yaml', '--allow-empty', '-m', `concurrent ${i}`, '--stage', 'prod', '--variables', `p${i}=${i}`),
      ),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const gitdir = path.join(dir, '.gitway');
    fsck(gitdir);
    // every deployment landed on main, every stage move is one state, every variable survived
    const deployments = git(gitdir, 'log', '--format=%s', 'main').trim().split('\n');
    for (let i = 0; i < 6; i++) expect(deployments).toContain(`concurrent ${i}`);
    const history = await json(dir, 'stage', 'history', 'prod');
    expect(history.items).toHaveLength(7);
    expect(Object.keys(history.items[0].variables).sort()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
  });
});

describe('gitway init finds the definition', () => {
  it('takes the one openapi.* / swagger.* file as the working definition and says so', async () => {
    const dir = tempDir('gitway-init-');
    fs.copyFileSync(path.join(EXAMPLES, 'v1.yaml'), path.join(dir, 'openapi.yaml'));
    const r = await gitway(dir, 'init');
    expect(r).toEqual({ code: 0, stdout: 'Initialized empty gitway repository in .gitway/ (working definition: openapi.yaml, found in .)\n', stderr: '' });
    expect((await json(dir, 'deploy', '-m', 'v1')).description).toBe('v1');
    expect((await json(dir, 'status')).definition).toBe('openapi.yaml');
  });

  it('api.yaml wins; several candidates without api.yaml ask for --definition and create nothing', async () => {
    const dir = tempDir('gitway-init-');
    fs.copyFileSync(path.join(EXAMPLES, 'v1.yaml'), path.join(dir, 'openapi.json'));
    fs.copyFileSync(path.join(EXAMPLES, 'v1.yaml'), path.join(dir, 'swagger.yaml'));
    const r = await gitway(dir, 'init');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('usage: several API definitions here (openapi.json, swagger.yaml): choose one with --definition FILE\nSee gitway --help\n');
    expect(fs.existsSync(path.join(dir, '.gitway'))).toBe(false);
    expect((await gitway(dir, 'init', '--definition', 'swagger.yaml')).stdout).toContain('(working definition: swagger.yaml)');

    const both = tempDir('gitway-init-');
    fs.copyFileSync(path.join(EXAMPLES, 'v1.yaml'), path.join(both, 'api.yaml'));
    fs.copyFileSync(path.join(EXAMPLES, 'v1.yaml'), path.join(both, 'openapi.yaml'));
    expect((await gitway(both, 'init')).stdout).toContain('(working definition: api.yaml');
  });
});
