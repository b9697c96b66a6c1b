import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStage, updateStage } from '@gitway/core';
import { git } from '@gitway/test-utils';
import { csrfToken, scenario, type Scenario } from './fixture.js';

let s: Scenario;
let token: string;

beforeAll(async () => {
  s = await scenario();
  token = await csrfToken(s.base);
});
afterAll(() => s.close());

/** A POST as the dashboard page sends it; `over` replaces headers (undefined drops one). */
function post(path: string, body: string, over: Record<string, string | undefined> = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  const all = { 'content-type': 'application/json', origin: s.base, 'sec-fetch-site': 'same-origin', 'x-gitway-csrf': token, ...over };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) headers[k] = v;
  return fetch(`${s.base}${path}`, { method: 'POST', headers, body });
}

const setBackend = async (value: string, over: Record<string, string | undefined> = {}, expectedOid?: string) =>
  post('/_gitway/api/stages/prod', JSON.stringify({ patchOperations: [{ op: 'replace', path: '/variables/backend', value }], expectedOid: expectedOid ?? (await s.stageOid()) }), over);

describe('dashboard JSON API', () => {
  it('GET stages, stage (+oid), history, deployments, branches, diff in the CLI --json shapes', async () => {
    const stages = (await (await fetch(`${s.base}/_gitway/api/stages`)).json()) as any;
    expect(stages.item.map((x: { stageName: string }) => x.stageName)).toEqual(['prod']);
    const prod = (await (await fetch(`${s.base}/_gitway/api/stages/prod`)).json()) as any;
    expect(prod).toMatchObject({ stageName: 'prod', deploymentId: s.v2, oid: await s.stageOid() });
    const history = (await (await fetch(`${s.base}/_gitway/api/stages/prod/history`)).json()) as any;
    expect(history.items.map((h: { deploymentId: string }) => h.deploymentId)).toEqual([s.v2, s.v1]);
    expect(history.items[0]).toMatchObject({ id: prod.oid, author: { name: 'Test Author' }, message: expect.stringContaining('deploy prod') });
    expect(history.items[0].changes).toEqual([{ kind: 'changed', path: 'deploymentId', before: s.v1, after: s.v2 }]);
    const log = (await (await fetch(`${s.base}/_gitway/api/deployments?branch=main`)).json()) as any;
    expect(log.items.map((d: { id: string }) => d.id)).toEqual([s.v2, s.v1]);
    expect(Object.keys(log.items[0]).sort()).toEqual(['createdDate', 'description', 'id']);
    expect(((await (await fetch(`${s.base}/_gitway/api/branches`)).json()) as any).items).toEqual([{ name: 'main', id: s.v2, current: true }]);
    const diff = (await (await fetch(`${s.base}/_gitway/api/diff?from=${s.v2}&to=${s.v1}`)).json()) as any;
    expect(diff.breaking).toBe(true);
    expect(diff.changes.find((c: { path: string }) => c.path === 'GET /health')).toMatchObject({ kind: 'removed', breaking: true });
    expect(diff.text).toContain('-  /health:');
  });

  it('POST with token and same origin updates the stage and answers the new state', async () => {
    const before = await s.stageOid();
    const res = await setBackend('http://127.0.0.1:1/ok');
    expect(res.status).toBe(200);
    const body = ((await res.json()) as any);
    expect(body.variables.backend).toBe('http://127.0.0.1:1/ok');
    expect(body.oid).toBe(await s.stageOid());
    // the state the write made (its parent is the state it was based on), not a re-read
    expect(git(s.repo.gitdir, 'rev-parse', `${body.oid}^`).trim()).toBe(before);
  });

  it('refuses POSTs without the CSRF token or from another origin (403), changing nothing', async () => {
    const before = await s.stageOid();
    for (const over of [
      { 'x-gitway-csrf': undefined },
      { 'x-gitway-csrf': 'wrong' },
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: undefined },
      { origin: undefined, 'sec-fetch-site': undefined },
    ]) {
      const res = await setBackend('http://evil.example', over, before);
      expect(res.status, JSON.stringify(over)).toBe(403);
      expect((((await res.json()) as any)).code).toBe('ForbiddenError');
    }
    expect(await s.stageOid()).toBe(before);
  });

  it('refuses a foreign Host name on a loopback bind (DNS rebinding): 403, no token served', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${s.base}/_gitway/`, { headers: { host: 'evil.example:80' } }, (res) => { res.resume(); resolve(res.statusCode!); });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('bad JSON, bad shapes and invalid variables are 400; non-JSON bodies 415', async () => {
    const oid = await s.stageOid();
    const bad = async (body: string, over = {}) => {
      const res = await post('/_gitway/api/stages/prod', body, over);
      return { status: res.status, body: ((await res.json()) as any) };
    };
    expect(await bad('{not json')).toMatchObject({ status: 400, body: { code: 'ParseError' } });
    expect(await bad('[]')).toMatchObject({ status: 400, body: { code: 'InvalidParameterError' } });
    expect(await bad(JSON.stringify({ patchOperations: [] , expectedOid: oid }))).toMatchObject({ status: 400 });
    expect(await bad(JSON.stringify({ patchOperations: [{ op: 'replace', path: '/variables/backend', value: 'x' }] }))).toMatchObject({ status: 400, body: { code: 'InvalidParameterError' } });
    expect(await bad(JSON.stringify({ patchOperations: [{ op: 'replace', path: '/variables/backend', value: 'has space' }], expectedOid: oid }))).toMatchObject({ status: 400, body: { code: 'InvalidParameterError' } });
    expect(await bad(JSON.stringify({ patchOperations: [{ op: 'replace', path: '/variables/bad-name', value: 'x' }], expectedOid: oid }))).toMatchObject({ status: 400, body: { code: 'InvalidNameError' } });
    expect(await bad(JSON.stringify({ patchOperations: [{ op: 'replace', path: '/deploymentId', value: 'ffff' }], expectedOid: oid }))).toMatchObject({ status: 404, body: { code: 'NotFoundError' } });
    expect(await bad('{}', { 'content-type': 'text/plain' })).toMatchObject({ status: 415 });
    expect(await s.stageOid()).toBe(oid);
  });

  it('unknown stage, deployment or route: 404 JSON on the API, 404 HTML page otherwise', async () => {
    for (const path of ['/_gitway/api/stages/nope', '/_gitway/api/stages/nope/history', '/_gitway/api/diff?from=prod&to=beefbeef', '/_gitway/api/deployments?branch=nope', '/_gitway/api/nothing']) {
      const res = await fetch(`${s.base}${path}`);
      expect(res.status, path).toBe(404);
      expect((((await res.json()) as any)).code, path).toBe('NotFoundError');
    }
    const res = await post('/_gitway/api/stages/nope', JSON.stringify({ patchOperations: [{ op: 'replace', path: '/description', value: 'x' }], expectedOid: '0'.repeat(40) }));
    expect(res.status).toBe(404);
    for (const path of ['/_gitway/stages/nope', '/_gitway/stages/..%2F..', '/_gitway/diff?from=prod&to=beefbeef', '/_gitway/nothing']) {
      const page = await fetch(`${s.base}${path}`);
      expect(page.status, path).toBe(404);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('<h1>Not found</h1>');
    }
  });

  it('compare-and-swap: a stage moved meanwhile gets 409 StageMovedError and keeps the newer state', async () => {
    const seen = await s.stageOid();
    await updateStage({ ...s.repo, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/moved', value: 'by-cli' }] });
    const res = await setBackend('http://127.0.0.1:2/stale', {}, seen);
    expect(res.status).toBe(409);
    expect(((await res.json()) as any)).toMatchObject({ code: 'StageMovedError', message: expect.stringContaining('moved') });
    const now = await getStage({ ...s.repo, stageName: 'prod' });
    expect(now.stage.variables).toMatchObject({ moved: 'by-cli' });
    expect(now.stage.variables?.backend).not.toBe('http://127.0.0.1:2/stale');
  });

  it('pages and assets carry a strict CSP and no-store; wrong methods are 405; /_gitway redirects', async () => {
    const page = await fetch(`${s.base}/_gitway/`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    const css = /href="(\/_gitway\/assets\/app\.css\?v=\w+)"/.exec(await page.text())![1];
    expect((await fetch(`${s.base}${css}`)).headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${s.base}/_gitway/api/stages`, { method: 'DELETE' })).status).toBe(405);
    const redirect = await fetch(`${s.base}/_gitway`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/_gitway/');
  });

  it('escapes user data in pages', async () => {
    await updateStage({ ...s.repo, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/description', value: '<img src=x onerror=alert(1)>' }] });
    const text = await (await fetch(`${s.base}/_gitway/stages/prod`)).text();
    expect(text).not.toContain('<img src=x');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
