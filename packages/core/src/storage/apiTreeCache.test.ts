import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploy, readDeployment, type Api } from '@gitway/core';
import { generatedApi, mockMethod, tempRepo } from '@gitway/test-utils';
import { ApiTreeCache, readDeploymentApi } from './apiTreeCache.js';

/** `api` with the method at `path` answering `body` instead. */
function changed(api: Api, path: string, body: unknown): Api {
  const out = structuredClone(api);
  out.resources[path]!.resourceMethods.GET = mockMethod('GET', body);
  return out;
}

/** The resource paths and methods in the order they are listed (toEqual ignores key order). */
const order = (api: Api) => Object.entries(api.resources).map(([p, r]) => [p, Object.keys(r.resourceMethods)]);

describe('readDeploymentApi through an ApiTreeCache', () => {
  it('reuses unchanged subtrees: the result equals a fresh read, and only the changed method is a new object', async () => {
    const repo = await tempRepo();
    const v1Api = generatedApi(120, 10);
    v1Api.models.Pet = { name: 'Pet', schema: { type: 'object' } };
    const v1 = (await deploy({ ...repo, api: v1Api, description: 'v1' })).id;
    const v2 = (await deploy({ ...repo, api: changed(v1Api, '/r3/s4', { changed: true }), description: 'v2' })).id;
    const cache = new ApiTreeCache();
    const a = await readDeploymentApi(repo, v1, cache);
    const b = await readDeploymentApi(repo, v2, cache);
    for (const [id, api] of [[v1, a], [v2, b]] as const) {
      const fresh = (await readDeployment({ ...repo, cache: {}, rev: id })).api;
      expect(api).toEqual(fresh);
      expect(order(api)).toEqual(order(fresh));
    }
    expect(b.resources['/r3/s4']!.resourceMethods.GET!.methodIntegration!.integrationResponses!.default!.responseTemplates).toEqual({ 'application/json': '{"changed":true}' });
    // The changed method was read again; a method of an untouched subtree is the same object.
    expect(b.resources['/r3/s4']!.resourceMethods.GET).not.toBe(a.resources['/r3/s4']!.resourceMethods.GET);
    expect(b.resources['/r5/s4']!.resourceMethods.GET).toBe(a.resources['/r5/s4']!.resourceMethods.GET);
    expect(b.models.Pet).toBe(a.models.Pet);
    // Reading v1 again gives the objects it gave before.
    expect((await readDeploymentApi(repo, v1, cache)).resources['/r3/s4']!.resourceMethods.GET).toBe(a.resources['/r3/s4']!.resourceMethods.GET);
  });

  it('gives each place of a subtree that occurs twice in one API objects of its own', async () => {
    const repo = await tempRepo();
    const api: Api = { restApi: { name: 'twins' }, resources: {}, models: {}, authorizers: {}, requestValidators: {}, gatewayResponses: {} };
    for (const p of ['/a/x', '/b/x']) api.resources[p] = { path: p, resourceMethods: { GET: mockMethod('GET', { same: true }) } };
    const id = (await deploy({ ...repo, api, description: 'twins' })).id;
    const cache = new ApiTreeCache();
    for (let round = 0; round < 2; round++) {
      const read = await readDeploymentApi(repo, id, cache);
      expect(read).toEqual((await readDeployment({ ...repo, cache: {}, rev: id })).api);
      expect(read.resources['/a/x']!.resourceMethods.GET).not.toBe(read.resources['/b/x']!.resourceMethods.GET);
    }
  });

  it('a missing object is NotFoundError and caches nothing of its tree; the repaired repository reads', async () => {
    const repo = await tempRepo();
    const api = generatedApi(4, 2);
    const id = (await deploy({ ...repo, api, description: 'v1' })).id;
    // A small deployment is written as loose objects: remove one method's blob.
    const blob = execFileSync('git', ['--git-dir', repo.gitdir, 'rev-parse', `${id}:paths/r1/s1/@GET.json`], { encoding: 'utf8' }).trim();
    const file = path.join(repo.gitdir, 'objects', blob.slice(0, 2), blob.slice(2));
    const saved = fs.readFileSync(file);
    fs.rmSync(file);
    const cache = new ApiTreeCache();
    const error = await readDeploymentApi({ ...repo, cache: {} }, id, cache).catch((e: { code?: string }) => e);
    expect((error as { code?: string }).code).toBe('NotFoundError');
    fs.writeFileSync(file, saved);
    expect(await readDeploymentApi({ ...repo, cache: {} }, id, cache)).toEqual((await readDeployment({ ...repo, cache: {}, rev: id })).api);
  });
});
