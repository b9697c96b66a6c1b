// preview_vtl_rps and preview_proxy_rps: `gitway preview` (the built CLI) running the full
// request pipeline on a route whose response template is rendered per request, and on an
// HTTP_PROXY route to a local backend, against raw node:http doing the same job, in the same
// run. See README.md "Rows".
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli, cpuMs, get, load, startPreview, startServer } from './processes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The definition: a MOCK route with a per-request template, an HTTP_PROXY route. */
export const PIPELINE_API = `openapi: 3.0.1
info:
  title: pipeline
  version: '1'
paths:
  /vtl/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: ok }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: '{"statusCode": 200}'
        passthroughBehavior: when_no_match
        responses:
          default:
            statusCode: '200'
            responseTemplates:
              application/json: '{"id": "$input.params(''id'')", "stage": "$context.stage", "method": "$context.httpMethod", "requestId": "$context.requestId"}'
  /proxy/{proxy+}:
    x-amazon-apigateway-any-method:
      parameters:
        - { name: proxy, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: ok }
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: ANY
        uri: '\${stageVariables.backend}/{proxy}'
        requestParameters:
          integration.request.path.proxy: method.request.path.proxy
        passthroughBehavior: when_no_match
`;

/** Loads `url` on `server`, adding its process CPU per request (us). */
async function cpuLoad(server, url, LOAD) {
  const c0 = cpuMs(server.pid);
  const r = await load(url, LOAD);
  r.cpuUsPerReq = ((cpuMs(server.pid) - c0) * 1000) / Math.max(1, r.total * (1 + (LOAD.warmup ?? 0) / LOAD.duration));
  return r;
}

export async function previewPipeline({ tmp, LOAD, unthrottled, record, goal, notes }) {
  const dir = tmp('pipeline');
  fs.writeFileSync(path.join(dir, 'api.yaml'), PIPELINE_API);
  const backend = await startServer('backend', [path.join(here, 'backend.mjs'), '0']);
  cli(dir, 'init');
  cli(dir, 'deploy', '-m', 'pipeline', '--stage', 'bench', '--variables', `backend=${backend.url}`);
  cli(dir, 'stage', 'update', 'bench', ...unthrottled.flatMap((p) => ['--patch', `op=replace,path=${p.path},value=${p.value}`]));
  const preview = await startPreview(dir);

  // MOCK route rendered per request vs raw node:http answering the same bytes.
  const vtlUrl = `${preview.url}/bench/vtl/42`;
  const first = await get(vtlUrl);
  const doc = JSON.parse(first.body.toString());
  if (first.statusCode !== 200 || doc.id !== '42' || doc.stage !== 'bench') throw new Error(`preview answered ${first.statusCode}: ${first.body.toString().slice(0, 200)}`);
  const headers = Object.fromEntries(Object.entries(first.headers).filter(([k]) => !['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(k)));
  const responseFile = path.join(dir, 'vtl-response.json');
  fs.writeFileSync(responseFile, JSON.stringify({ statusCode: 200, headers, bodyBase64: first.body.toString('base64') }));
  const raw = await startServer('raw', [path.join(here, 'rawServer.mjs'), '0', responseFile]);
  const vtlAnchor = await cpuLoad(raw, `${raw.url}/bench/vtl/42`, LOAD);
  const vtl = await cpuLoad(preview, vtlUrl, LOAD);
  raw.stop();
  record('preview_vtl_rps', vtl.rps, vtlAnchor.rps, 'req/s', { cpuUsPerReq: Math.round(vtl.cpuUsPerReq), anchorCpuUsPerReq: Math.round(vtlAnchor.cpuUsPerReq), p99: vtl.p99, errors: vtl.errors + vtl.non2xx });
  goal('preview_vtl_rps', 'ratio >= 0.5, 0 errors', results(vtl, vtlAnchor) >= 0.5 && vtl.errors + vtl.non2xx === 0);
  notes.preview_vtl_rps = `GET /bench/vtl/42: MOCK, response template with $input.params and $context rendered per request (${first.body.length} B); anchor: raw node:http replaying those bytes; server CPU per request ${Math.round(vtl.cpuUsPerReq)} vs ${Math.round(vtlAnchor.cpuUsPerReq)} us`;

  // HTTP_PROXY route to the backend vs a raw keep-alive node:http proxy doing the same hop.
  const proxyUrl = `${preview.url}/bench/proxy/items/7`;
  const viaPreview = await get(proxyUrl);
  const direct = await get(`${backend.url}/items/7`);
  if (viaPreview.statusCode !== 200 || !viaPreview.body.equals(direct.body)) throw new Error(`preview proxy answered ${viaPreview.statusCode}: ${viaPreview.body.toString().slice(0, 200)}`);
  const rawProxy = await startServer('raw proxy', [path.join(here, 'rawProxy.mjs'), '0', backend.url]);
  const proxyAnchor = await cpuLoad(rawProxy, `${rawProxy.url}/items/7`, LOAD);
  const proxy = await cpuLoad(preview, proxyUrl, LOAD);
  rawProxy.stop();
  preview.stop();
  backend.stop();
  record('preview_proxy_rps', proxy.rps, proxyAnchor.rps, 'req/s', { cpuUsPerReq: Math.round(proxy.cpuUsPerReq), anchorCpuUsPerReq: Math.round(proxyAnchor.cpuUsPerReq), p99: proxy.p99, anchorP99: proxyAnchor.p99, errors: proxy.errors + proxy.non2xx });
  goal('preview_proxy_rps', 'ratio >= 0.6, 0 errors', results(proxy, proxyAnchor) >= 0.6 && proxy.errors + proxy.non2xx === 0);
  notes.preview_proxy_rps = `ANY /bench/proxy/{proxy+} (HTTP_PROXY to a local node:http backend); anchor: rawProxy.mjs (node:http, keep-alive agent) to the same backend; server CPU per request ${Math.round(proxy.cpuUsPerReq)} vs ${Math.round(proxyAnchor.cpuUsPerReq)} us (the backend's CPU is in neither)`;
}

const results = (mine, anchor) => mine.rps / anchor.rps;
