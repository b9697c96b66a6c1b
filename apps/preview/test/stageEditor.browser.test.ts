import path from 'node:path';
import { createServer, request, type Server } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClientCertificate, getStage, updateStage } from '@gitway/core';
import { portOf, scenario, type Scenario } from './fixture.js';
import { gitway, launch, SCREENSHOTS, stageLog } from './browser.js';

// Callbacks given to page.evaluate run in the browser; this package is typed for Node.
declare const document: any;
declare const getComputedStyle: any;
type HTMLDialogElement = any;

let s: Scenario;
let page: Page;
let problems: string[];
let closeBrowser: () => Promise<void>;
let counter: Server;
let counted = 0;
let counterUrl: string;
let certificate: string;

beforeAll(async () => {
  s = await scenario();
  certificate = (await generateClientCertificate({ ...s.repo, description: 'prod backend' })).clientCertificateId;
  // A backend that counts its calls: a cached method stops reaching it.
  counter = createServer((req, res) => {
    counted += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ calls: counted, path: req.url }));
  });
  await new Promise<void>((r) => counter.listen(0, '127.0.0.1', () => r()));
  counterUrl = `http://127.0.0.1:${portOf(counter)}`;
  ({ page, problems, close: closeBrowser } = await launch());
}, 60_000);

afterAll(async () => {
  await closeBrowser?.();
  await s?.close();
  counter?.closeAllConnections();
  counter?.close();
});

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
const stageJson = async () => JSON.parse(await gitway(s.repo.gitdir, 'stage', 'show', 'prod', '--json'));
const call = async (p: string) => {
  const res = await fetch(`${s.base}${p}`);
  return { status: res.status, body: await res.text() };
};
const open = async () => {
  await page.goto(`${s.base}/_gitway/stages/prod`);
};

/** Submits an editor form and waits for the review dialog; returns the listed changes. */
async function review(form: string, submit = `#${form} button[type=submit]`): Promise<string[]> {
  await page.click(submit);
  await page.waitForSelector('#review-dialog[open]');
  return (await page.locator('#review-changes li').allTextContents()).sort();
}
/** Saves what the review dialog shows; the page reloads with the new state. */
async function save(): Promise<string> {
  await Promise.all([page.waitForEvent('load'), page.click('#review-save')]);
  return (await page.locator('#flash').textContent()) ?? '';
}

describe('Stage Editor: every setting from the page, one stage commit each', () => {
  it('description, client certificate, cache cluster, logs and tracing', async () => {
    await open();
    await page.fill('#set-description', 'Production <b>pets</b>');
    // the chooser lists the repository's client certificates (gitway client-certificate list)
    expect(await page.locator('#set-cert option').allTextContents()).toEqual(['(none)', `${certificate} — prod backend`]);
    await page.selectOption('#set-cert', certificate);
    expect(await review('general-form')).toEqual([`clientCertificateId set to ${certificate}`, 'description set to Production <b>pets</b>']);
    expect(await page.locator('#review-ops').textContent()).toContain('"path": "/clientCertificateId"');
    await shot('editor-review');
    expect(await save()).toContain('Stage settings: saved to stage prod');
    expect(await stageJson()).toMatchObject({ description: 'Production <b>pets</b>', clientCertificateId: certificate });
    expect((await stageLog(s.repo.gitdir, 'prod'))[0]).toBe(`update stage prod: replace /description=Production <b>pets</b>, replace /clientCertificateId=${certificate}`);
    // shown as text, never as markup
    expect(await page.locator('dl.kv').first().textContent()).toContain('Production <b>pets</b>');
    expect(await page.locator('dl.kv b').count()).toBe(0);

    await page.check('#set-cache-enabled');
    await page.selectOption('#set-cache-size', '6.1');
    expect(await review('cache-form')).toEqual(['cacheClusterEnabled: false → true', 'cacheClusterSize set to 6.1']);
    // keyboard: Escape closes the review with nothing saved and focus back on the button; Enter reopens it
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('review-cancel');
    await page.keyboard.press('Escape');
    expect(await page.locator('#review-dialog').evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Review changes…');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#review-dialog[open]');
    await save();
    await page.fill('#set-log-format', '$context.requestId $context.status');
    await page.fill('#set-log-arn', 'arn:aws:logs:us-east-1:123456789012:log-group:prod');
    await page.check('#set-tracing');
    await review('logs-form');
    await save();
    expect(await stageJson()).toMatchObject({
      cacheClusterEnabled: true,
      cacheClusterSize: '6.1',
      tracingEnabled: true,
      accessLogSettings: { format: '$context.requestId $context.status', destinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:prod' },
    });
    expect((await stageLog(s.repo.gitdir, 'prod')).slice(0, 2)).toEqual([
      'update stage prod: replace /accessLogSettings/destinationArn=arn:aws:logs:us-east-1:123456789012:log-group:prod, replace /accessLogSettings/format=$context.requestId $context.status, replace /tracingEnabled=true',
      'update stage prod: replace /cacheClusterEnabled=true, replace /cacheClusterSize=6.1',
    ]);
    // clearing a removable field removes the setting
    await page.selectOption('#set-cert', '');
    expect(await review('general-form')).toEqual([`clientCertificateId removed (was ${certificate})`]);
    await save();
    expect((await stageJson()).clientCertificateId).toBeUndefined();
  });

  it('a bad value gets core\'s message next to its field, the same as the CLI, and nothing is written', async () => {
    await open();
    const before = await s.stageOid();
    await page.fill('#ms-1-caching-ttlInSeconds', '9999');
    await page.click('#ms-form button[type=submit]');
    const error = page.locator('#ms-1-caching-ttlInSeconds-error');
    await expect.poll(() => error.textContent()).toBe('cacheTtlInSeconds must be an integer from 0 to 3600 (got 9999) at */*');
    expect(await page.getAttribute('#ms-1-caching-ttlInSeconds', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ms-1-caching-ttlInSeconds');
    await expect(gitway(s.repo.gitdir, 'stage', 'update', 'prod', '--patch', 'op=replace,path=/*/*/caching/ttlInSeconds,value=9999')).rejects.toThrow(
      'cacheTtlInSeconds must be an integer from 0 to 3600 (got 9999) at */*',
    );
    await page.fill('#ms-1-caching-ttlInSeconds', 'soon');
    await page.click('#ms-form button[type=submit]');
    await expect.poll(() => error.textContent()).toBe("Invalid integer value 'soon' for /*/*/caching/ttlInSeconds");
    await shot('editor-invalid');
    await page.fill('#ms-1-caching-ttlInSeconds', '');
    await page.fill('#vars-value-1', 'http://x/<script>alert(1)</script>');
    await page.click('#vars-form button[type=submit]');
    await expect.poll(() => page.locator('#vars-value-1-error').textContent()).toBe("invalid value for stage variable 'backend': 1-512 characters from A-Z a-z 0-9 - . _ ~ : / ? # & = ,");
    expect(await s.stageOid()).toBe(before);
  });

  it('stage variables and method settings: caching and throttling change what preview serves', async () => {
    await open();
    await page.fill('#vars-value-1', counterUrl);
    await review('vars-form');
    await save();
    expect((await stageJson()).variables).toEqual({ backend: counterUrl });
    const first = JSON.parse((await call('/prod/pets/1')).body).calls;
    expect(JSON.parse((await call('/prod/pets/1')).body).calls).toBe(first + 1); // not cached yet
    // per-method settings for GET /pets/{petId}: caching on, TTL 300
    await page.selectOption('#ms-add-select', { label: 'GET /pets/{petId}' });
    await page.click('#ms-add');
    await page.selectOption('#ms-new-1-caching-enabled', 'true');
    await page.fill('#ms-new-1-caching-ttlInSeconds', '300');
    await page.selectOption('#ms-new-1-logging-loglevel', 'INFO');
    // A new entry starts from API Gateway's defaults (filled as AWS fills them), with these three set.
    expect(await review('ms-form')).toEqual(
      expect.arrayContaining([
        'methodSettings.pets/{petId}/GET.cacheTtlInSeconds set to 300',
        'methodSettings.pets/{petId}/GET.cachingEnabled set to true',
        'methodSettings.pets/{petId}/GET.loggingLevel set to INFO',
      ]),
    );
    await save();
    expect((await stageJson()).methodSettings).toMatchObject({ 'pets/{petId}/GET': { cachingEnabled: true, cacheTtlInSeconds: 300, loggingLevel: 'INFO' } });
    const cached = JSON.parse((await call('/prod/pets/1')).body).calls;
    expect(JSON.parse((await call('/prod/pets/1')).body).calls).toBe(cached); // served from the stage cache
    // default method throttling: rate 0, burst 0 -> 429 everywhere
    await page.fill('#ms-1-throttling-rateLimit', '0');
    await page.fill('#ms-1-throttling-burstLimit', '0');
    await page.selectOption('#ms-2-metrics-enabled', 'true');
    await review('ms-form');
    await save();
    expect((await stageJson()).methodSettings).toMatchObject({
      '*/*': { throttlingRateLimit: 0, throttlingBurstLimit: 0 },
      'pets/{petId}/GET': { cachingEnabled: true, cacheTtlInSeconds: 300, loggingLevel: 'INFO', metricsEnabled: true },
    });
    expect((await call('/prod/health')).status).toBe(429);
    await page.fill('#ms-1-throttling-rateLimit', '');
    await page.fill('#ms-1-throttling-burstLimit', '');
    // An emptied field goes back to API Gateway's default (5000 burst, 10000 rate).
    expect(await review('ms-form')).toEqual(['methodSettings.*/*.throttlingBurstLimit: 0 → 5000', 'methodSettings.*/*.throttlingRateLimit: 0 → 10000']);
    await save();
    expect((await call('/prod/health')).status).toBe(200);
    await shot('editor-method-settings');
  });

  it('canary: create with percent and overrides, change percent, promote, delete', async () => {
    await open();
    await page.selectOption('#canary-deployment', s.v1);
    await page.fill('#canary-percent', '100');
    await page.click('#canary-vars [data-add]');
    await page.fill('#canary-vars tbody tr:last-child .map-name', 'backend');
    await page.fill('#canary-vars tbody tr:last-child .map-value', s.backends.b);
    await review('canary-form');
    await save();
    expect((await stageJson()).canarySettings).toEqual({ deploymentId: s.v1, percentTraffic: 100, useStageCache: false, stageVariableOverrides: { backend: s.backends.b } });
    // every request now goes to v1 (its MOCK /pets is a bare array) with the override
    expect(Array.isArray(JSON.parse((await call('/prod/pets')).body))).toBe(true);
    expect(JSON.parse((await call('/prod/pets/1')).body)).toEqual({ backend: 'B', path: '/pets/1' });
    await shot('editor-canary');
    await page.fill('#canary-percent', '150');
    await page.click('#canary-form button[type=submit]');
    await expect.poll(() => page.locator('#canary-percent-error').textContent()).toBe('Canary percentTraffic must be between 0.0 and 100.0 (got 150)');
    await page.fill('#canary-percent', '0');
    expect(await review('canary-form')).toEqual(['canarySettings.percentTraffic: 100 → 0']);
    await save();
    expect(JSON.parse((await call('/prod/pets')).body)).toMatchObject({ version: 2 });
    expect(await review('canary-form', '#canary-promote')).toEqual([`deploymentId: ${s.v2} → ${s.v1}`, `variables.backend: ${counterUrl} → ${s.backends.b}`]);
    expect(await save()).toContain('Promote canary: saved to stage prod');
    expect(await stageJson()).toMatchObject({ deploymentId: s.v1, variables: { backend: s.backends.b } });
    await review('canary-form', '#canary-delete');
    await save();
    expect((await stageJson()).canarySettings).toBeUndefined();
    expect((await stageLog(s.repo.gitdir, 'prod'))[0]).toBe('update stage prod: remove /canarySettings');
  });

  it('tags: set and remove (TagResource), and the history lists every change', async () => {
    await open();
    await page.click('#tags [data-add]');
    await page.fill('#tags tbody tr:last-child .map-name', 'team');
    await page.fill('#tags tbody tr:last-child .map-value', 'pets');
    expect(await review('tags-form')).toEqual(['tags.team set to pets']);
    await save();
    expect((await stageJson()).tags).toEqual({ team: 'pets' });
    expect((await stageLog(s.repo.gitdir, 'prod'))[0]).toBe('tag stage prod: team=pets');
    await page.click('#tags tbody tr:first-child [data-remove]');
    await review('tags-form');
    await save();
    expect((await stageJson()).tags).toBeUndefined();
    const states = (await getStage({ ...s.repo, stageName: 'prod' })).oid;
    expect(await page.getAttribute('#main', 'data-oid')).toBe(states);
    const rows = await page.locator('#history-h + table tbody tr td:nth-child(5) > div.muted').allTextContents();
    // git's first-parent walk goes on below the stage's first state into the deployment it was created on
    expect([...rows, 'v1: first pets API']).toEqual(await stageLog(s.repo.gitdir, 'prod'));
    await shot('stage-editor');
  });

  it('live requests arrive over server-sent events and open their details with their own execution log', async () => {
    // execution logging on (as in the console's Logs tab): each served request keeps its own log lines
    await updateStage({ ...s.repo, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' }] });
    await open();
    await expect.poll(() => page.locator('#live-status').textContent()).toContain('Live');
    await call('/prod/pets?limit=2');
    // a raw path with ../ (fetch would normalize it away): shown as text, served as API Gateway would
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: Number(new URL(s.base).port), path: '/prod/../../etc/passwd' }, (res) => { res.resume(); res.on('end', resolve); });
      req.on('error', reject);
      req.end();
    });
    const rows = page.locator('#live-rows tr');
    await expect.poll(() => rows.first().textContent()).toContain('/../../etc/passwd');
    expect(await rows.nth(1).textContent()).toContain('/pets?limit=2');
    expect(await rows.nth(1).textContent()).toContain('200');
    await shot('live-requests');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(13, 17, 23)');
    await shot('live-requests-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await Promise.all([page.waitForEvent('load'), rows.nth(1).locator('a').click()]);
    expect(await page.locator('h1').textContent()).toBe('GET /pets');
    expect(await page.locator('dl.kv').textContent()).toContain('GET /pets?limit=2');
    expect(JSON.parse((await page.locator('h3:text-is("Response body") + pre.body').textContent())!)).toEqual([{ id: 1, type: 'dog', price: 249.99 }, { id: 2, type: 'cat', price: 124.99 }]); // v1, promoted
    const log = (await page.locator('#execution-log').textContent())!.split('\n');
    const id = /^\((.+?)\) /.exec(log[0]!)![1]!;
    expect(log[0]).toBe(`(${id}) Starting execution for request: ${id}`);
    expect(log).toContain(`(${id}) HTTP Method: GET, Resource Path: /pets`);
    expect(log).toContain(`(${id}) Method request query string: {limit=2}`);
    expect(log.at(-1)).toBe(`(${id}) Method completed with status: 200`);
    // only this request's lines: the other request (/../../etc/passwd) has its own
    expect(log.every((l) => l.startsWith(`(${id}) `))).toBe(true);
    await shot('live-request-details');
    await page.goBack();
    await Promise.all([page.waitForEvent('load'), page.locator('#live-rows tr').first().locator('a').click()]);
    const other = (await page.locator('#execution-log').textContent())!;
    expect(other).not.toContain(id);
    // the deliberate bad values above were 400 answers (Chromium logs each); nothing else may have gone wrong
    expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
  });
});
