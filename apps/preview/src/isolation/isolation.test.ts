import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseDefinition, type Api, type Stage } from '@gitway/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPreviewServer } from '../index.js';

// Issue #15 item 3: hostile requests on stage `hostile` must not stall stage `other`. The
// hostile-template routes of the reliability suite, plus a route whose model asks ajv for
// `uniqueItems` over an array of distinct objects (pairwise comparisons: minutes of CPU for
// 100,000 items, on any machine), served by a real preview server on loopback.
const FIXTURE = fileURLToPath(new URL('../../../../tools/reliability/fixtures/hostile-templates.json', import.meta.url));
const LIMIT_MS = 3_000;
const TIMED_OUT = '{"message":"Endpoint request timed out"}';
const EVIL = 'a'.repeat(40) + '!';
const stage = (stageName: string): Stage => ({ stageName, deploymentId: 'd', variables: { backend: 'backend.internal' }, cacheClusterEnabled: false, tracingEnabled: false, createdDate: '', lastUpdatedDate: '' });

const limited: Stage = {
  ...stage('limited'), cacheClusterEnabled: true, cacheClusterSize: '0.5',
  methodSettings: { 'ok/GET': { throttlingBurstLimit: 1, throttlingRateLimit: 0 }, 'cached/GET': { cachingEnabled: true, cacheTtlInSeconds: 300 } },
};

function withUniqueRoute(api: Api): Api {
  api.models.Unique = { name: 'Unique', schema: { type: 'array', uniqueItems: true, items: { type: 'object' } } };
  api.resources['/unique'] = {
    path: '/unique',
    resourceMethods: {
      POST: {
        httpMethod: 'POST', authorizationType: 'NONE', requestValidatorId: 'body', requestModels: { 'application/json': 'Unique' },
        methodIntegration: { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode":200}' }, integrationResponses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"unique":true}' } } } },
      },
    },
  };
  // Answers the request id: equal answers come from the stage cache.
  api.resources['/cached'] = {
    path: '/cached',
    resourceMethods: {
      GET: {
        httpMethod: 'GET', authorizationType: 'NONE',
        methodIntegration: { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode":200}' }, integrationResponses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"id":"$context.requestId"}' } } } },
      },
    },
  };
  return api;
}

/** A 9 MB JSON body where `$..a` visits about a million nodes (the reliability suite's). */
function deepBody(): string {
  const item = JSON.stringify({ a: 1, b: { a: 2, c: [{ a: 3 }] } });
  return `{"items":[${Array(Math.floor((9 * 1024 * 1024) / (item.length + 1))).fill(item).join(',')}]}`;
}

const log: string[] = [];
let preview: Server;
let base: string;
beforeAll(async () => {
  const api = withUniqueRoute(await parseDefinition({ text: readFileSync(FIXTURE, 'utf8'), filename: 'hostile-templates.json' }));
  preview = await createPreviewServer({
    port: 0, isolation: { blockedLimitMs: LIMIT_MS }, log: (line) => log.push(line),
    loadStage: async (name) => (name === 'hostile' || name === 'other' ? { api, stage: stage(name), version: 'v1' } : name === 'limited' ? { api, stage: limited, version: 'v1' } : null),
  });
  base = `http://127.0.0.1:${(preview.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => { preview.closeAllConnections(); preview.close(() => r()); }));

const json = (body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
const call = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(base + path, init);
  return [res.status, await res.text()] as [number, string];
};

describe('request isolation: one stage per worker thread, a blocked worker is terminated', () => {
  it('another stage answers while hostile requests hold stage hostile; the hostile ones get 504 and the stage serves again', async () => {
    // Both stages' workers are running before the attack (a worker's start is not what is measured).
    expect(await call('/hostile/ok')).toEqual([200, '{"ok":true,"stage":"hostile"}']);
    expect(await call('/other/ok')).toEqual([200, '{"ok":true,"stage":"other"}']);

    const finished: string[] = [];
    const track = (name: string, p: Promise<[number, string]>) => p.then((r) => (finished.push(name), r));
    const items = Array.from({ length: 100_000 }, (_, i) => `{"i":${i}}`).join(',');
    const unique = track('unique', call('/hostile/unique', json(`[${items}]`)));
    const deep = track('deep', call('/hostile/deep', json(deepBody())));
    const regex = track('regex', call(`/hostile/regex?s=${EVIL}`));
    const pattern = track('pattern', call('/hostile/validate', json(JSON.stringify({ name: EVIL.repeat(1000) }))));
    const other = track('other', call('/other/ok'));

    expect(await other).toEqual([200, '{"ok":true,"stage":"other"}']);
    expect(await unique).toEqual([504, TIMED_OUT]);
    // `other` started after every hostile request and finished before the one that held the stage.
    expect(finished.indexOf('other')).toBeLessThan(finished.indexOf('unique'));
    // The others were answered before the stall, or were in flight on the terminated worker.
    expect([[200, '{"ok":true}'], [504, TIMED_OUT]]).toContainEqual(await deep);
    expect([[200, '{"matches":false,"match":""}'], [504, TIMED_OUT]]).toContainEqual(await regex);
    expect([[400, '{"message":"Invalid request body"}'], [504, TIMED_OUT]]).toContainEqual(await pattern);

    // A fresh worker serves the stage again; the log says what was terminated and why.
    expect(await call('/hostile/ok')).toEqual([200, '{"ok":true,"stage":"hostile"}']);
    const killed = log.filter((line) => line.startsWith('stage hostile: gateway blocked'));
    expect(killed).toHaveLength(1);
    expect(killed[0]).toMatch(new RegExp(`^stage hostile: gateway blocked for over ${LIMIT_MS} ms with [1-4] request\\(s\\) in flight \\(.*POST /unique.*\\); worker terminated, restarting$`));
    expect(log.filter((line) => line.startsWith('stage other'))).toEqual([]);
  });

  it('keeps each stage state in its own worker: throttling and the response cache work across requests', async () => {
    // `limited` allows one request to /ok (burst 1, no refill) and caches /cached; `other` is untouched by both.
    expect(await call('/limited/ok')).toEqual([200, '{"ok":true,"stage":"limited"}']);
    expect(await call('/limited/ok')).toEqual([429, '{"message":"Too Many Requests"}']);
    expect(await call('/other/ok')).toEqual([200, '{"ok":true,"stage":"other"}']);
    const first = await call('/limited/cached');
    expect(first[0]).toBe(200);
    expect(await call('/limited/cached')).toEqual(first);
    const uncached = await call('/other/cached');
    expect(uncached[0]).toBe(200);
    expect((await call('/other/cached'))[1]).not.toBe(uncached[1]);
  });
});
