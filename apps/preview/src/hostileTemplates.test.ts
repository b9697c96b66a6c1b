import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseDefinition, type Api, type Stage } from '@gitway/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPreviewServer } from './index.js';

// The hostile-template routes of the reliability suite, served by a real preview server on loopback.
const FIXTURE = fileURLToPath(new URL('../../../tools/reliability/fixtures/hostile-templates.json', import.meta.url));
const stage = (stageName: string): Stage => ({ stageName, deploymentId: 'd', variables: { backend: 'backend.internal' }, cacheClusterEnabled: false, tracingEnabled: false, createdDate: '', lastUpdatedDate: '' });
const EVIL = 'a'.repeat(40) + '!';
const INTERNAL = '{"message":"Internal server error"}';

let api: Api;
let preview: Server;
let base: string;
beforeAll(async () => {
  api = await parseDefinition({ text: readFileSync(FIXTURE, 'utf8'), filename: 'hostile-templates.json' });
  preview = await createPreviewServer({ port: 0, loadStage: async (name) => (name === 'hostile' || name === 'other' ? { api, stage: stage(name), version: 'v1' } : null) });
  base = `http://127.0.0.1:${(preview.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => { preview.closeAllConnections(); preview.close(() => r()); }));

const call = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(base + path, init);
  return [res.status, await res.text()];
};

describe('hostile templates fail their own request only; the preview keeps serving', () => {
  it('memory attacks: the concat doubling renders without growing, the others are 500s', async () => {
    expect(await call('/hostile/concat')).toEqual([200, '{"size":""}']);
    for (const route of ['addall', 'nested', 'strings']) expect([route, ...(await call(`/hostile/${route}`))]).toEqual([route, 500, INTERNAL]);
    expect(await call('/other/ok')).toEqual([200, '{"ok":true,"stage":"other"}']);
  });

  it('catastrophic regexes in templates and models answer at once', async () => {
    expect(await call(`/hostile/regex?s=${EVIL}`)).toEqual([200, '{"matches":false,"match":""}']);
    const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: EVIL }) };
    expect(await call('/hostile/validate', post)).toEqual([400, '{"message":"Invalid request body"}']);
    expect(await call('/other/ok')).toEqual([200, '{"ok":true,"stage":"other"}']);
  });

  it('no state leaks between requests or stages', async () => {
    expect(await call('/hostile/leak/victim', { headers: { authorization: 'Bearer victim-secret' } })).toEqual([200, '{"seen":"x"}']);
    expect(await call('/hostile/leak/eval')).toEqual([200, '{"stolen":""}']);
    expect(await call('/hostile/leak/put')).toEqual([200, 'ok']);
    expect(await call('/other/leak/check')).toEqual([200, '{"escaped":"a\\"b","backend":"backend.internal"}']);
  });
});
