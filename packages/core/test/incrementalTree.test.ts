import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deploy, type Api } from '@gitway/core';
import { apiToFiles } from '@gitway/core/internal';
import { buildTree } from '../src/storage/gitObjects.js';
import { planApiTree } from '../src/api/incrementalTree.js';
import { fsck, git, mockMethod, sampleApi, snapshotDir, tempRepo } from '@gitway/test-utils';

/** The tree id a whole rebuild gives: what every incremental deploy must match. */
const wholeTree = (api: Api) => buildTree(apiToFiles(api)).object.oid;
const FILE = 'gitway-trees';

type Edit =
  | { kind: 'change'; i: number; salt: string }
  | { kind: 'add'; path: string }
  | { kind: 'remove'; i: number }
  | { kind: 'model'; salt: string }
  | { kind: 'restApi'; salt: string }
  | { kind: 'extensions'; i: number; salt: string }
  | { kind: 'reorder'; i: number };

/** The same JSON value with its keys in the reverse order (a different fingerprint, the same blobs). */
const reversed = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(reversed) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;

function apply(api: Api, e: Edit): Api {
  const out = structuredClone(api);
  const keys = Object.keys(out.resources).sort();
  const key = keys.length ? keys[('i' in e ? e.i : 0) % keys.length]! : undefined;
  switch (e.kind) {
    case 'change': {
      const r = key ? out.resources[key]! : undefined;
      const verb = r && Object.keys(r.resourceMethods)[0];
      if (r && verb) r.resourceMethods[verb as 'GET'] = mockMethod(verb as 'GET', { salt: e.salt });
      break;
    }
    case 'add':
      out.resources[e.path] = { path: e.path, resourceMethods: { ...out.resources[e.path]?.resourceMethods, POST: mockMethod('POST', { at: e.path }) } };
      break;
    case 'remove':
      // keep one method so the API stays deployable
      if (key && keys.length > 1) delete out.resources[key];
      break;
    case 'model':
      out.models = { Pet: { name: 'Pet', contentType: 'application/json', schema: JSON.stringify({ type: 'object', title: e.salt }) } };
      break;
    case 'restApi':
      out.restApi = { ...out.restApi, description: e.salt };
      break;
    case 'extensions':
      if (key) out.resources[key]!.extensions = { 'x-note': e.salt };
      break;
    case 'reorder':
      if (key) out.resources[key] = reversed(out.resources[key]) as Api['resources'][string];
      break;
  }
  return out;
}

// '' makes paths like /a//b and /a/: two resources then share a directory (whole rebuild).
const segment = fc.constantFrom('a', 'b', 'c', '{id}', '@x', 'v%1', '');
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('change' as const), i: fc.nat(50), salt: fc.string({ maxLength: 4 }) }),
  fc.record({ kind: fc.constant('add' as const), path: fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => '/' + s.join('/')) }),
  fc.record({ kind: fc.constant('remove' as const), i: fc.nat(50) }),
  fc.record({ kind: fc.constant('model' as const), salt: fc.string({ maxLength: 4 }) }),
  fc.record({ kind: fc.constant('restApi' as const), salt: fc.string({ maxLength: 4 }) }),
  fc.record({ kind: fc.constant('extensions' as const), i: fc.nat(50), salt: fc.string({ maxLength: 4 }) }),
  fc.record({ kind: fc.constant('reorder' as const), i: fc.nat(50) }),
);

describe('incremental deployment trees', () => {
  it('every deploy of a random edit sequence gives the tree a whole rebuild gives, and git fsck accepts the repository', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 8 }), async (edits) => {
        const repo = await tempRepo();
        let api = sampleApi();
        // the last tree deployed from an API whose resources each have a directory of their own
        let recorded = (await deploy({ ...repo, api, description: 'first' })).tree;
        for (const [i, e] of edits.entries()) {
          api = apply(api, e);
          const ownDirs = Object.keys(api.resources).every((p) => p === '/' || (!p.endsWith('/') && !p.includes('//')));
          // patched from the last recorded tree, not rebuilt (resources sharing a directory: rebuilt)
          const plan = await planApiTree(repo, api);
          expect(plan.base).toBe(ownDirs ? recorded : null);
          expect(plan.tree).toBe(wholeTree(api));
          const d = await deploy({ ...repo, api, description: `edit ${i}` });
          if (ownDirs) recorded = d.tree;
          expect(d.tree).toBe(wholeTree(api));
          expect(git(repo.gitdir, 'rev-parse', `refs/heads/main^{tree}`).trim()).toBe(wholeTree(api));
        }
        fsck(repo.gitdir);
      }),
      { numRuns: 25 },
    );
  });

  it('an invalid edit after random valid ones is refused with the code and message a whole validation gives, the repository byte-identical', async () => {
    type Bad = 'authType' | 'unknownModel' | 'badUri' | 'noIntegration' | 'keyPath' | 'verb' | 'forbiddenKey' | 'placeholder' | 'validatorRef' | 'twoBad';
    const bad = (api: Api, kind: Bad, i: number): Api => {
      const out = structuredClone(api);
      const keys = Object.keys(out.resources);
      const resource = out.resources[keys[i % keys.length]!]!;
      const verb = Object.keys(resource.resourceMethods)[0] as 'GET' | undefined;
      const method = (verb ? resource.resourceMethods[verb] : undefined) as unknown as Record<string, unknown> | undefined;
      const m = method ?? (resource.resourceMethods.PATCH = mockMethod('PATCH', {})) as unknown as Record<string, unknown>;
      switch (kind) {
        case 'authType': m.authorizationType = 42; break;
        case 'unknownModel': m.requestModels = { 'application/json': 'Nope' }; break;
        case 'badUri': m.methodIntegration = { type: 'HTTP', httpMethod: 'GET', uri: 'not a url' }; break;
        case 'noIntegration': delete m.methodIntegration; break;
        case 'keyPath': out.resources['/k'] = { path: '/other', resourceMethods: { GET: mockMethod('GET', {}) } }; break;
        case 'verb': m.httpMethod = m.httpMethod === 'PUT' ? 'POST' : 'PUT'; break;
        case 'forbiddenKey': m.extensions = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>; break;
        case 'placeholder': m.methodIntegration = { type: 'HTTP', httpMethod: 'GET', uri: 'https://${Backend}/x' }; break;
        case 'validatorRef': m.requestValidatorId = 'none'; break;
        case 'twoBad':
          m.methodIntegration = { type: 'HTTP', httpMethod: 'GET', uri: 'not a url' };
          out.resources['/zz'] = { path: '/zz', resourceMethods: { GET: { httpMethod: 'GET', authorizationType: 'NONE' } } };
          break;
      }
      return out;
    };
    const kinds: Bad[] = ['authType', 'unknownModel', 'badUri', 'noIntegration', 'keyPath', 'verb', 'forbiddenKey', 'placeholder', 'validatorRef', 'twoBad'];
    const refusal = (e: unknown) => ({ code: (e as { code?: string }).code, message: (e as Error).message, pointer: (e as { data?: { pointer?: string } }).data?.pointer });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { maxLength: 5 }), fc.constantFrom(...kinds), fc.nat(50), async (edits, kind, i) => {
        const repo = await tempRepo();
        let api = sampleApi();
        await deploy({ ...repo, api, description: 'first' });
        for (const e of edits) {
          api = apply(api, e);
          await deploy({ ...repo, api, description: e.kind });
        }
        const wrong = bad(api, kind, i);
        const before = snapshotDir(repo.gitdir);
        const got = await deploy({ ...repo, api: wrong, description: 'bad' }).then(() => undefined, refusal);
        // A fresh repository has no fingerprints: everything is checked.
        const whole = await deploy({ ...(await tempRepo()), api: wrong, description: 'bad' }).then(() => undefined, refusal);
        expect(whole?.code).toBe('InvalidDefinitionError');
        expect(got).toEqual(whole);
        expect(snapshotDir(repo.gitdir)).toEqual(before);
        // The refusal left the cache as it was: the valid API still deploys to the whole tree.
        const ok = apply(api, { kind: 'change', i, salt: 'after' });
        expect((await deploy({ ...repo, api: ok, description: 'after' })).tree).toBe(wholeTree(ok));
      }),
      { numRuns: 20 },
    );
  });

  it('the same values with their keys in another order give the same tree and write nothing', async () => {
    const repo = await tempRepo();
    const api = sampleApi();
    const first = await deploy({ ...repo, api, description: 'first' });
    const again = await deploy({ ...repo, api: reversed(api) as Api, description: 'again' });
    expect(again).toMatchObject({ id: first.id, tree: first.tree, created: false, objectsWritten: 0 });
  });

  it('a one-method change writes only the blob, the trees above it and the commit', async () => {
    const repo = await tempRepo();
    const api = sampleApi();
    await deploy({ ...repo, api, description: 'first' });
    const d = await deploy({ ...repo, api: apply(api, { kind: 'change', i: 1, salt: 'x' }), description: 'one' });
    // paths/pets/{petId}/@GET.json: blob + trees {petId}, pets, paths, root + commit
    expect(d.objectsWritten).toBe(6);
    expect(git(repo.gitdir, 'diff-tree', '-r', '--name-only', 'main~1', 'main').trim()).toBe('paths/pets/{petId}/@GET.json');
  });

  it('a missing, garbled or dangling fingerprint file only costs a whole rebuild', async () => {
    const repo = await tempRepo();
    let api = sampleApi();
    await deploy({ ...repo, api, description: 'first' });
    const file = path.join(repo.gitdir, FILE);
    const variants = [
      () => fs.rmSync(file),
      () => fs.writeFileSync(file, '{not json'),
      () => fs.writeFileSync(file, JSON.stringify({ version: 1, tree: 'f'.repeat(40), files: [['api.json', '0'.repeat(40), 'e'.repeat(40)]] })),
    ];
    for (const [i, spoil] of variants.entries()) {
      spoil();
      api = apply(api, { kind: 'change', i, salt: `s${i}` });
      const d = await deploy({ ...repo, api, description: `after ${i}` });
      expect(d.tree).toBe(wholeTree(api));
    }
    fsck(repo.gitdir);
  });

  it('an unchanged method is checked again when what it refers to changed (a removed model)', async () => {
    const repo = await tempRepo();
    const api = sampleApi();
    api.models = { Pet: { name: 'Pet', contentType: 'application/json', schema: '{"type":"object"}' } };
    api.resources['/pets']!.resourceMethods.GET!.requestModels = { 'application/json': 'Pet' };
    await deploy({ ...repo, api, description: 'first' });
    const before = snapshotDir(repo.gitdir);
    const err = await deploy({ ...repo, api: { ...api, models: {} }, description: 'no model' }).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('InvalidDefinitionError');
    expect((err as Error).message).toBe('invalid API model at #/resources/~1pets/resourceMethods/GET/requestModels/application~1json: unknown model "Pet"');
    expect(snapshotDir(repo.gitdir)).toEqual(before);
  });

  it('a changed method is checked against the model and the deploy checks, and a refusal leaves the repository as it was', async () => {
    const repo = await tempRepo();
    const api = sampleApi();
    await deploy({ ...repo, api, description: 'first' });
    const before = snapshotDir(repo.gitdir);
    const bad = structuredClone(api);
    (bad.resources['/pets']!.resourceMethods.GET as unknown as Record<string, unknown>).authorizationType = 42;
    const err = await deploy({ ...repo, api: bad, description: 'bad' }).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('InvalidDefinitionError');
    expect((err as { data?: { pointer?: string } }).data?.pointer).toBe('#/resources/~1pets/resourceMethods/GET/authorizationType');
    const placeholder = structuredClone(api);
    placeholder.resources['/{proxy+}']!.resourceMethods.ANY!.methodIntegration!.uri = 'https://${Backend}/{proxy}';
    const err2 = await deploy({ ...repo, api: placeholder, description: 'placeholder' }).catch((e: unknown) => e);
    expect((err2 as { code?: string }).code).toBe('InvalidDefinitionError');
    expect((err2 as { data?: { pointer?: string } }).data?.pointer).toBe('#/paths/~1{proxy+}/x-amazon-apigateway-any-method/x-amazon-apigateway-integration/uri');
    expect(snapshotDir(repo.gitdir)).toEqual(before);
  });

  it('a value the plan cannot walk gets the model error, not a TypeError', async () => {
    const repo = await tempRepo();
    const before = snapshotDir(repo.gitdir);
    const err = await deploy({ ...repo, api: { restApi: { name: 'x' } } as unknown as Api, description: 'bad' }).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('InvalidDefinitionError');
    expect(snapshotDir(repo.gitdir)).toEqual(before);
  });
});
