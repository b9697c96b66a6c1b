import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStage, updateStage } from '@gitway/core';
import { scenario, type Scenario } from './fixture.js';
import { launch, SCREENSHOTS } from './browser.js';

// Callbacks given to page.evaluate run in the browser; this package is typed for Node.
declare const document: any;
type HTMLDialogElement = any;
type HTMLInputElement = any;

let s: Scenario;
let page: Page;
let problems: string[];
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  s = await scenario();
  ({ page, problems, close: closeBrowser } = await launch());
}, 60_000);

afterAll(async () => {
  await closeBrowser?.();
  await s?.close();
});

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
const flash = () => page.locator('#flash').textContent();
const call = async (p: string) => (await fetch(`${s.base}${p}`)).json();
/** Clicks something that makes the page reload itself, and waits for the new page. */
const clickAndReload = (selector: string) => Promise.all([page.waitForEvent('load'), page.click(selector)]);

describe('Stage Editor dashboard in Chromium', () => {
  it('lists the stages with active deployment, variables and URL', async () => {
    await page.goto(`${s.base}/_gitway/`);
    const row = page.locator('tbody tr', { hasText: 'prod' });
    await expect.poll(() => row.textContent()).toContain(s.v2.slice(0, 10));
    const text = (await row.textContent())!;
    expect(text).toContain('v2: health check');
    expect(text).toContain(`backend${s.backends.a}`);
    expect(text).toContain(`${s.base}/prod/`);
    await shot('stages');
  });

  it('changes the active deployment through the confirmation dialog, live on the next request', async () => {
    expect(await call('/prod/pets')).toMatchObject({ version: 2 });
    await page.click('a[href="/_gitway/stages/prod"]');
    await page.waitForSelector('h1:text("Stage prod")');
    await shot('stage');
    const trigger = `button[data-activate][data-deployment="${s.v1}"]`;
    await page.focus(trigger);
    await page.keyboard.press('Enter');
    const dialog = page.locator('#confirm-dialog');
    expect(await dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirm-cancel');
    await page.keyboard.press('Escape'); // keyboard: Esc cancels, focus returns to the trigger
    expect(await dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-deployment'))).toBe(s.v1);
    await page.keyboard.press('Enter');
    expect(await page.locator('#confirm-target').textContent()).toContain('v1: first pets API');
    await shot('change-deployment-dialog');
    await clickAndReload('#confirm-ok');
    expect(await flash()).toContain(`now serves deployment ${s.v1.slice(0, 10)}`);
    expect((await getStage({ ...s.repo, stageName: 'prod' })).stage.deploymentId).toBe(s.v1);
    const pets = await call('/prod/pets');
    expect(Array.isArray(pets)).toBe(true); // v1's MOCK answer is a bare array, v2's is {version: 2, pets}
  });

  it('edits a stage variable: /prod/pets/1 calls the new backend', async () => {
    expect(await call('/prod/pets/1')).toEqual({ backend: 'A', path: '/pets/1' });
    await page.fill('#vars-value-1', s.backends.b);
    await page.click('#vars-form button[type=submit]');
    await page.waitForSelector('#review-dialog[open]');
    expect(await page.locator('#review-changes').textContent()).toBe(`variables.backend: ${s.backends.a} → ${s.backends.b}`);
    await clickAndReload('#review-save');
    expect(await flash()).toContain('Stage variables: saved to stage prod (1 operation)');
    expect(await page.inputValue('#vars-value-1')).toBe(s.backends.b);
    expect(await call('/prod/pets/1')).toEqual({ backend: 'B', path: '/pets/1' });
  });

  it('an invalid variable value shows an inline error and saves nothing', async () => {
    const before = await s.stageOid();
    await page.fill('#vars-value-1', 'http://bad host/<x>');
    await page.click('#vars-form button[type=submit]');
    const error = page.locator('#vars-value-1-error');
    await expect.poll(() => error.textContent()).toBe("invalid value for stage variable 'backend': 1-512 characters from A-Z a-z 0-9 - . _ ~ : / ? # & = ,");
    expect(await page.getAttribute('#vars-value-1', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('vars-value-1');
    expect(await page.locator('#vars-form-error').textContent()).toBe('Nothing was saved: fix the highlighted field.');
    await shot('variables-invalid');
    await page.waitForTimeout(200);
    expect(await s.stageOid()).toBe(before);
  });

  it('a stage moved elsewhere while the page is open: the POST gets 409, the page reloads the newer state', async () => {
    await page.reload();
    const shownOid = await page.getAttribute('#main', 'data-oid');
    expect(shownOid).toBe(await s.stageOid());
    await updateStage({ ...s.repo, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/region', value: 'moved-by-cli' }] });
    const moved = await s.stageOid();
    const responses: number[] = [];
    page.on('response', (r) => { if (r.request().method() === 'POST') responses.push(r.status()); });
    await page.fill('#vars-value-1', 'http://127.0.0.1:9/stale');
    await clickAndReload('#vars-form button[type=submit]');
    expect(responses).toEqual([409]);
    expect(await flash()).toContain('was changed elsewhere');
    expect(await page.getAttribute('#main', 'data-oid')).toBe(moved);
    const names = await page.locator('#vars .map-name').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(names).toContain('region');
    expect(await page.inputValue('#vars-value-1')).toBe(s.backends.b);
    const now = await getStage({ ...s.repo, stageName: 'prod' });
    expect(now.oid).toBe(moved);
    expect(now.stage.variables).toEqual({ backend: s.backends.b, region: 'moved-by-cli' });
    await shot('stage-moved-409');
  });

  it('shows the deployments of a branch and a diff with the breaking change highlighted', async () => {
    await page.goto(`${s.base}/_gitway/deployments?branch=main`);
    expect(await page.locator('tbody tr').count()).toBe(2);
    await shot('deployments');
    await page.fill('#diff-from', s.v2.slice(0, 10));
    await page.fill('#diff-to', s.v1.slice(0, 10));
    await page.click('form[action="/_gitway/diff"] button[type=submit]');
    await page.waitForSelector('tr.breaking');
    const breaking = page.locator('tr.breaking');
    expect(await breaking.count()).toBe(1);
    expect(await breaking.textContent()).toContain('GET /health');
    expect(await breaking.textContent()).toContain('Breaking');
    expect(await page.locator('.summary').textContent()).toContain('1 breaking');
    expect(await page.locator('pre.udiff .del').allTextContents()).toContain('-  /health:');
    await shot('diff');
    // stage vs stage: main (v2) against prod (now v1) and prod against its own earlier state
    await page.goto(`${s.base}/_gitway/diff?from=main&to=prod`);
    expect(await page.locator('tr.breaking').count()).toBe(1);
    await page.goto(`${s.base}/_gitway/diff?from=${encodeURIComponent('prod@{3}')}&to=prod`);
    expect(await page.locator('.summary').textContent()).toContain('1 breaking');
  });

  it('an unknown stage is a 404 page', async () => {
    const res = await page.goto(`${s.base}/_gitway/stages/nope`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Not found');
    await shot('not-found');
    // 404 responses log a console error in Chromium; nothing else may have gone wrong
    expect(problems.filter((p) => !p.includes('404') && !p.includes('409') && !p.includes('status of 400'))).toEqual([]);
  });
});
