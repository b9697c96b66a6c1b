import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStage } from '@gitway/core';
import { csrfToken, scenario, type Scenario } from './fixture.js';

let s: Scenario;
let token: string;

beforeAll(async () => {
  s = await scenario();
  token = await csrfToken(s.base);
});
afterAll(() => s.close());

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(`${s.base}/_gitway/api/stages/prod${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: s.base, 'x-gitway-csrf': token },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('stage editor API: plan, field errors, tags, live requests', () => {
  it('plan answers the changes (before -> after) and the resolved operations, writing nothing', async () => {
    const oid = await s.stageOid();
    const res = await post('/plan', {
      expectedOid: oid,
      patchOperations: [
        { op: 'replace', path: '/canarySettings/deploymentId', value: s.v1.slice(0, 8) },
        { op: 'replace', path: '/canarySettings/percentTraffic', value: '12.5' },
        { op: 'replace', path: '/~1pets/GET/throttling/rateLimit', value: '5' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.patchOperations[0]).toEqual({ op: 'replace', path: '/canarySettings/deploymentId', value: s.v1 });
    const changes = res.body.changes as { kind: string; path: string; after: unknown }[];
    expect(changes).toEqual(
      expect.arrayContaining([
        { kind: 'added', path: 'methodSettings.pets/GET.throttlingRateLimit', after: 5 },
        { kind: 'added', path: 'canarySettings.deploymentId', after: s.v1 },
        { kind: 'added', path: 'canarySettings.percentTraffic', after: 12.5 },
        { kind: 'added', path: 'canarySettings.useStageCache', after: false },
      ]),
    );
    // A new method-setting entry comes filled with */*'s values, as API Gateway fills it.
    const others = changes.filter((c) => !c.path.startsWith('canarySettings.') && c.path !== 'methodSettings.pets/GET.throttlingRateLimit');
    expect(others.map((c) => c.path).sort()).toEqual(
      ['cacheDataEncrypted', 'cacheTtlInSeconds', 'cachingEnabled', 'dataTraceEnabled', 'metricsEnabled', 'requireAuthorizationForCacheControl', 'throttlingBurstLimit', 'unauthorizedCacheControlHeaderStrategy'].map((k) => `methodSettings.pets/GET.${k}`),
    );
    expect(await s.stageOid()).toBe(oid);
  });

  it.each([
    [{ op: 'replace', path: '/cacheClusterSize', value: '2' }, 400, 'InvalidParameterError', "Invalid cache cluster size '2': one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237"],
    [{ op: 'replace', path: '/*/*/logging/loglevel', value: 'LOUD' }, 400, 'InvalidParameterError', 'loggingLevel must be OFF, ERROR or INFO (got LOUD) at */*'],
    [{ op: 'replace', path: '/tracingEnabled', value: 'yes' }, 400, 'InvalidParameterError', "Invalid boolean value 'yes' for /tracingEnabled"],
    [{ op: 'replace', path: '/variables/x', value: '<script>alert(1)</script>' }, 400, 'InvalidParameterError', "invalid value for stage variable 'x': 1-512 characters from A-Z a-z 0-9 - . _ ~ : / ? # & = ,"],
    [{ op: 'replace', path: '/tags/aws:x', value: 'y' }, 400, 'InvalidParameterError', "invalid tag key 'aws:x': the prefix aws: is reserved"],
    [{ op: 'replace', path: '/deploymentId', value: 'nope~1' }, 404, 'NotFoundError', undefined],
  ])('%j: core\'s error with the field it is about, nothing written', async (op, status, code, message) => {
    const oid = await s.stageOid();
    const ok = op.path.startsWith('/tags/') ? { op: 'replace', path: '/tags/fine', value: 'yes' } : { op: 'replace', path: '/description', value: 'fine' };
    for (const path of ['/plan', '']) {
      const res = await post(path, { expectedOid: oid, patchOperations: [ok, op] });
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ code, field: op.path, opIndex: 1 });
      if (message) expect(res.body.message).toBe(message);
    }
    expect(await s.stageOid()).toBe(oid);
  });

  it('tags go through tagStage as one commit; mixed with other settings they are refused', async () => {
    const oid = await s.stageOid();
    const mixed = await post('', { expectedOid: oid, patchOperations: [{ op: 'replace', path: '/tags/team', value: 'pets' }, { op: 'replace', path: '/description', value: 'x' }] });
    expect(mixed).toMatchObject({ status: 400, body: { code: 'InvalidParameterError' } });
    const res = await post('', { expectedOid: oid, patchOperations: [{ op: 'replace', path: '/tags/team', value: 'pets' }] });
    expect(res.status).toBe(200);
    expect(res.body.tags).toEqual({ team: 'pets' });
    const now = await getStage({ ...s.repo, stageName: 'prod' });
    expect(now).toMatchObject({ oid: res.body.oid, previous: oid, message: 'tag stage prod: team=pets' });
    const stale = await post('', { expectedOid: oid, patchOperations: [{ op: 'remove', path: '/tags/team' }] });
    expect(stale).toMatchObject({ status: 409, body: { code: 'StageMovedError' } });
  });

  it('live requests: JSON list, server-sent events, details page (escaped), unknown request 404', async () => {
    const events = await fetch(`${s.base}/_gitway/api/stages/prod/requests/events`);
    expect(events.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = events.body!.getReader();
    await reader.read(); // the opening comment: subscribed
    await fetch(`${s.base}/prod/pets?q=<script>`, { headers: { authorization: 'Bearer secret', 'x-api-key': 'k' } });
    let text = '';
    while (!text.includes('\n\n', text.indexOf('event: request'))) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const event = JSON.parse(/data: (.*)\n/.exec(text)![1]);
    expect(event).toMatchObject({ stage: 'prod', method: 'GET', path: '/pets', query: 'q=%3Cscript%3E', status: 200, canary: false });
    expect(event.requestHeaders).toMatchObject({ authorization: '(redacted)', 'x-api-key': '(redacted)' });
    const list = (await (await fetch(`${s.base}/_gitway/api/stages/prod/requests`)).json()) as { items: unknown[] };
    expect(list.items[0]).toEqual(event);
    const page = await (await fetch(`${s.base}/_gitway/stages/prod/requests/${event.id}`)).text();
    expect(page).toContain('GET /pets?q=%3Cscript%3E');
    expect(page).not.toContain('Bearer secret');
    expect((await fetch(`${s.base}/_gitway/stages/prod/requests/999999`)).status).toBe(404);
    expect((await fetch(`${s.base}/_gitway/api/stages/nope/requests`)).status).toBe(404);
  });
});
