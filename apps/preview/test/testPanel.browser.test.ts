import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, parseDefinition } from '@gitway/core';
import { EXAMPLES, scenario, type Scenario } from './fixture.js';
import { gitway, launch, SCREENSHOTS } from './browser.js';

// v2 of the pet store plus a VTL route that maps its body and a route whose template cannot be parsed.
const EXTRA = `  /echo:
    post:
      responses:
        "200":
          description: OK
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: '{"statusCode": 200, "name": "$input.path(''$.name'')"}'
        responses:
          default:
            statusCode: "200"
            responseTemplates:
              application/json: '{"tier": "$stageVariables.tier", "method": "$context.httpMethod"}'
        passthroughBehavior: when_no_match
  /broken:
    get:
      responses:
        "200":
          description: OK
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: '{"statusCode": 200}'
        responses:
          default:
            statusCode: "200"
            responseTemplates:
              application/json: '#set($x = )'
        passthroughBehavior: when_no_match
`;

let s: Scenario;
let page: Page;
let problems: string[];
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  s = await scenario();
  const text = fs.readFileSync(path.join(EXAMPLES, 'v2.yaml'), 'utf8').replace('  /{proxy+}:\n', `${EXTRA}  /{proxy+}:\n`);
  await deploy({ ...s.repo, api: await parseDefinition({ text, filename: 'v3.yaml' }), description: 'v3: echo and broken', stageName: 'prod', variables: { tier: 'gold' } });
  ({ page, problems, close: closeBrowser } = await launch());
}, 60_000);

afterAll(async () => {
  await closeBrowser?.();
  await s?.close();
});

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
const text = (sel: string) => page.locator(sel).textContent();

async function run(): Promise<void> {
  await page.locator('#test-result').evaluate((el) => (el.hidden = true));
  await page.click('#test-run');
  await page.waitForSelector('#test-result:not([hidden])');
}

describe('Test a method from the stage page (TestInvokeMethod)', () => {
  it('a VTL route: mapped body, stage variable override, execution log lines', async () => {
    await page.goto(`${s.base}/_gitway/stages/prod#test-h`);
    await page.selectOption('#test-method', { label: 'POST /echo' });
    expect(await page.inputValue('#test-path')).toBe('/echo');
    await page.fill('#test-path', '/echo?debug=1');
    await page.fill('#test-headers', 'Content-Type: application/json\nX-Trace: abc');
    await page.fill('#test-body', '{"name": "<script>alert(1)</script>"}');
    await page.fill('#test-vars', 'tier=platinum');
    await run();
    expect(await text('#test-status')).toBe('200');
    expect(JSON.parse((await text('#test-response-body'))!)).toEqual({ tier: 'platinum', method: 'POST' });
    const log = (await text('#test-log'))!;
    expect(log).toContain('Method request path: {}');
    expect(log).toContain('Method request query string: {debug=1}');
    expect(log).toContain('Method request body before transformations: {"name": "<script>alert(1)</script>"}');
    expect(log).toContain('Method request headers: {content-type=application/json, x-trace=abc}');
    expect(log).toContain('Method response body after transformations: {"tier": "platinum", "method": "POST"}');
    expect(log).toContain('Method completed with status: 200');
    expect(await page.locator('#test-log script').count()).toBe(0);
    // the same answer from the CLI
    const cli = JSON.parse(await gitway(s.repo.gitdir, 'test-invoke', 'prod', 'POST', '/echo', '--query', 'debug=1', '--header', 'Content-Type:application/json', '--body', '{"name": "x"}', '--variables', 'tier=platinum', '--json'));
    expect(cli).toMatchObject({ status: 200, body: '{"tier": "platinum", "method": "POST"}' });
    expect(cli.log).toContain('Method response body after transformations: {"tier": "platinum", "method": "POST"}');
    await shot('test-vtl');
  });

  it('an HTTP route to a real local backend: endpoint request URI and response in the log', async () => {
    await page.selectOption('#test-method', { label: 'GET /pets/{petId}' });
    await page.fill('#test-path', '/pets/7?limit=2');
    await page.fill('#test-headers', '');
    await page.fill('#test-body', '');
    await page.fill('#test-vars', '');
    await run();
    expect(await text('#test-status')).toBe('200');
    expect(JSON.parse((await text('#test-response-body'))!)).toEqual({ backend: 'A', path: '/pets/7' });
    const log = (await text('#test-log'))!;
    expect(log).toContain('Method request path: {petId=7}');
    expect(log).toContain('Method request query string: {limit=2}');
    expect(log).toContain(`Endpoint request URI: ${s.backends.a}/pets/7`);
    expect(log).toContain('Endpoint response body before transformations: {"backend":"A","path":"/pets/7"}');
    expect(log).toContain('Method completed with status: 200');
    await shot('test-http');
  });

  it('a route whose template fails: 500 with the failure in the log', async () => {
    await page.selectOption('#test-method', { label: 'GET /broken' });
    await run();
    expect(await text('#test-status')).toBe('500');
    const log = (await text('#test-log'))!;
    expect(log).toContain('Execution failed due to configuration error: Unable to transform response: Parse error on line 1:\n#set($x = )');
    expect(log).toContain('Method completed with status: 500');
    await shot('test-broken-template');
  });

  it('hostile input is refused next to its field: a ../ path, a bad variable; a 1 MB body runs and shows as text', async () => {
    await page.selectOption('#test-method', { label: 'POST /echo' });
    await page.fill('#test-path', '/pets/../../etc/passwd');
    await page.click('#test-run');
    await expect.poll(() => text('#test-path-error')).toBe("the path may not contain '.' or '..' segments: '/pets/../../etc/passwd'");
    await page.fill('#test-path', '/echo');
    await page.fill('#test-vars', 'tier=<b>');
    await page.click('#test-run');
    await expect.poll(() => text('#test-vars-error')).toBe("invalid value for stage variable 'tier': 1-512 characters from A-Z a-z 0-9 - . _ ~ : / ? # & = ,");
    await page.fill('#test-vars', '');
    await page.fill('#test-headers', 'Content-Type: application/json');
    await page.fill('#test-body', JSON.stringify({ name: 'x'.repeat(1024 * 1024) }));
    await run();
    expect(await text('#test-status')).toBe('200');
    // the execution log shows the start of the 1 MB body, as text
    expect(await text('#test-log')).toContain('Method request body before transformations: {"name":"xxxxxxxx');
    expect(await text('#test-log')).toContain('[TRUNCATED]');
    await shot('test-hostile');
    expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
  });

  it('a live request opens its details, and "Test this request" fills the Test form', async () => {
    await fetch(`${s.base}/prod/pets/3?limit=1`);
    await page.goto(`${s.base}/_gitway/stages/prod`);
    await Promise.all([page.waitForEvent('load'), page.locator('#live-rows a').first().click()]);
    await Promise.all([page.waitForEvent('load'), page.click('text=Test this request')]);
    expect(await page.inputValue('#test-path')).toBe('/pets/3?limit=1');
    expect(await page.locator('#test-method option:checked').textContent()).toBe('GET /pets/{petId}');
    await run();
    expect(await text('#test-log')).toContain('Method request path: {petId=3}');
  });
});
