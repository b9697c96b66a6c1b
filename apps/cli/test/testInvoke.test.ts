import fs from 'node:fs';
import path from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { snapshotDir } from '@gitway/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli.js';
import { gitway, initDemo } from './helpers.js';

const ENV = { ...process.env, NO_COLOR: '1', GITWAY_AUTHOR_NAME: 'CLI Test', GITWAY_AUTHOR_EMAIL: 'cli@example.com' };
/** The CLI in-process (the same command table and modules as the binary, without a node start per call). */
const cli = async (cwd: string, ...argv: string[]) => run(argv, { cwd, env: ENV });
const json = async (cwd: string, ...argv: string[]): Promise<any> => (await cli(cwd, ...argv, '--json')).json;
const failure = (cwd: string, ...argv: string[]) => cli(cwd, ...argv).then(() => 'resolved', (e: { code: string; message: string }) => `${e.message} [${e.code}]`);

let backend: Server;
let base: string;
beforeAll(async () => {
  backend = createServer((req, res) => {
    res.sendDate = false;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: Number(req.url!.split('/').pop()), via: req.url }));
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => backend.close(() => resolve())));

const logLines = (log: string) => log.split('\n').map((l) => l.replace(/^\w{3} \w{3} \d\d \d\d:\d\d:\d\d UTC \d{4} : /, ''));

describe('gitway test-invoke', () => {
  it('runs a VTL route and an HTTP route to a real backend, printing TestInvokeMethod JSON with the execution log', async () => {
    const { dir } = await initDemo('gitway-test-invoke-');
    await json(dir, 'deploy', '-m', 'v1', '--stage', 'prod', '--variables', 'backend=http://127.0.0.1:9');
    fs.writeFileSync(path.join(dir, 'pet.json'), '{"type":"dog","price":1}');

    const posted = await json(dir, 'test-invoke', 'prod', 'POST', '/pets', '--header', 'Content-Type: application/json', '--body', '@pet.json');
    const requestId = JSON.parse(posted.body).requestId as string;
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(posted).toMatchObject({ status: 200, headers: { 'Content-Type': 'application/json' }, multiValueHeaders: { 'Content-Type': ['application/json'] } });
    expect(logLines(posted.log)).toEqual([
      `Execution log for request ${requestId}`,
      `Starting execution for request: ${requestId}`,
      'HTTP Method: POST, Resource Path: /pets',
      'Method request path: {}',
      'Method request query string: {}',
      'Method request headers: {content-type=application/json}',
      'Method request body before transformations: {"type":"dog","price":1}',
      `Method response body after transformations: {"created": true, "requestId": "${requestId}"}`,
      'Method response headers: {content-type=application/json}',
      'Successfully completed execution',
      'Method completed with status: 200',
    ]);

    const invalid = await json(dir, 'test-invoke', 'prod', 'POST', '/pets', '--header', 'content-type:application/json', '--body', '{"type":"dog","price":-1}');
    expect([invalid.status, invalid.body, ...logLines(invalid.log).slice(-2)]).toEqual([
      400, '{"message":"Invalid request body"}', 'Request body does not match model schema for content type application/json: [/price must be >= 0]', 'Method completed with status: 400',
    ]);

    const got = await json(dir, 'test-invoke', 'prod', 'GET', '/pets/7', '--query', 'limit=2', '--variables', `backend=${base}`);
    expect([got.status, JSON.parse(got.body)]).toEqual([200, { id: 7, via: '/pets/7' }]);
    const lines = logLines(got.log);
    expect(lines.slice(2, 6)).toEqual(['HTTP Method: GET, Resource Path: /pets/7', 'Method request path: {petId=7}', 'Method request query string: {limit=2}', 'Method request headers: {}']);
    expect(lines).toContain(`Endpoint request URI: ${base}/pets/7`);
    expect(lines).toContain(`Sending request to ${base}/pets/7`);
    expect(lines.find((l) => l.startsWith('Received response.'))).toMatch(/^Received response\. Status: 200, Integration latency: \d+ ms$/);
    expect(lines).toContain('Endpoint response body before transformations: {"id":7,"via":"/pets/7"}');
    expect(lines.slice(-2)).toEqual(['Successfully completed execution', 'Method completed with status: 200']);

    // human output: status, latency, headers, body, then the log
    const human = await cli(dir, 'test-invoke', 'prod', 'GET', '/pets/7', '--variables', `backend=${base}`);
    expect(human.text).toMatch(/^Request: GET \/pets\/7\nStatus: 200\nLatency: \d+ ms\nResponse headers\n  Content-Type: application\/json\nResponse body\n\{"id":7,"via":"\/pets\/7"\}\nLogs\nExecution log for request /);
  });

  it('names the missing stage variable of an invalid endpoint, and refuses bad flags with one line, leaving the repository as it was', async () => {
    const { dir, gitdir } = await initDemo('gitway-test-invoke-bad-');
    await json(dir, 'deploy', '-m', 'v1', '--stage', 'prod');
    const r = await gitway(dir, 'test-invoke', 'prod', 'GET', '/pets/7', '--json');
    const out = JSON.parse(r.stdout);
    expect([r.code, out.status, out.body]).toEqual([0, 500, '{"message":"Internal server error"}']);
    const bad = await gitway(dir, 'test-invoke', 'nope', 'GET', '/pets');
    expect([bad.code, bad.stderr]).toEqual([128, "error: stage 'nope' not found [NotFoundError]\n"]);
    expect(logLines(out.log).slice(-2)).toEqual([
      "Execution failed due to configuration error: Invalid endpoint address: '/pets/7' (integration URI '${stageVariables.backend}/pets/{id}'; stage variable 'backend' not set)",
      'Method completed with status: 500',
    ]);
    const before = snapshotDir(gitdir);
    const cases: [string[], string][] = [
      [['prod', 'FETCH', '/pets'], "invalid method 'FETCH': use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS [InvalidParameterError]"],
      [['prod', 'GET', 'pets'], "invalid path 'pets': it must start with '/' [InvalidParameterError]"],
      [['prod', 'GET', '/pets', '--header', 'nocolon'], "invalid --header 'nocolon': expected name:value [InvalidParameterError]"],
      [['prod', 'GET', '/pets', '--query', '=x'], "invalid --query '=x': expected name=value [InvalidParameterError]"],
      [['prod', 'GET', '/pets', '--body', '@missing.json'], 'cannot read --body file missing.json: ENOENT [NotFoundError]'],
      [['prod', 'GET', '/pets', '--variables', 'bad name=x'], "invalid stage variable name 'bad name': use 1-64 characters from A-Z a-z 0-9 _ [InvalidNameError]"],
      [['prod', 'GET', '/pets', '--canary'], 'stage prod has no canary deployment (create one with gitway deploy --stage prod --canary PERCENT) [InvalidParameterError]'],
    ];
    for (const [args, message] of cases) expect([args, await failure(dir, 'test-invoke', ...args)]).toEqual([args, message]);
    expect(snapshotDir(gitdir)).toEqual(before);
  });
});
