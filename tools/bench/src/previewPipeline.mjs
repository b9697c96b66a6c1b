// preview_vtl_rps and preview_proxy_rps: `gitway preview` (the built CLI) running the full
// request pipeline on a route whose response template is rendered per request, and on an
// HTTP_PROXY route to a local backend, against raw node:http doing the same job, in the same
// run. See README.md "Rows".
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli, cpuMs, get, load, startPreview, startServer } from './processes.mjs';

/** The TOKEN authorizer of /cached/{id}, a local handler (`gitway preview --handlers`). */
const HANDLERS = `export default {
  auth: async (event) => ({
    principalId: 'bench',
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: event.authorizationToken === 'Bearer ok' ? 'Allow' : 'Deny', Resource: event.methodArn }] },
  }),
};
`;
const CACHED = [
  { op: 'replace', path: '/cacheClusterEnabled', value: 'true' },
  { op: 'replace', path: '/cacheClusterSize', value: '0.5' },
  { op: 'replace', path: '/~1cached~1{id}/GET/caching/enabled', value: 'true' },
  { op: 'replace', path: '/~1cached~1{id}/GET/caching/ttlInSeconds', value: '300' },
];

const here = path.dirname(fileURLToPath(import.meta.url));

/** The definition: a MOCK route with a per-request template, an HTTP_PROXY route. */
export const PIPELINE_API = `openapi: 3.0.1
info:
  title: pipeline
  version: '1'
components:
  securitySchemes:
    tok:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: custom
      x-amazon-apigateway-authorizer:
        type: token
        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
        authorizerResultTtlInSeconds: 300
paths:
  /cached/{id}:
    get:
      security:
        - tok: []
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: ok }
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: '\${stageVariables.backend}/items/{id}'
        requestParameters:
          integration.request.path.id: method.request.path.id
        cacheKeyParameters:
          - method.request.path.id
        passthroughBehavior: when_no_match
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
async function cpuLoad(server, url, LOAD, headers) {
  const c0 = cpuMs(server.pid);
  const r = await load(url, LOAD, headers);
  r.cpuUsPerReq = ((cpuMs(server.pid) - c0) * 1000) / Math.max(1, r.total * (1 + (LOAD.warmup ?? 0) / LOAD.duration));
  return r;
}

export async function previewPipeline({ tmp, LOAD, unthrottled, record, goal, notes }) {
  const dir = tmp('pipeline');
  fs.writeFileSync(path.join(dir, 'api.yaml'), PIPELINE_API);
  const backend = await startServer('backend', [path.join(here, 'backend.mjs'), '0']);
  cli(dir, 'init');
  cli(dir, 'deploy', '-m', 'pipeline', '--stage', 'bench', '--variables', `backend=${backend.url}`);
  cli(dir, 'stage', 'update', 'bench', ...[...unthrottled, ...CACHED].flatMap((p) => ['--patch', `op=replace,path=${p.path},value=${p.value}`]));
  fs.writeFileSync(path.join(dir, 'handlers.mjs'), HANDLERS);
  const preview = await startPreview(dir, ['--handlers', './handlers.mjs']);

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

  // TOKEN authorizer (local handler) + stage cache: after the first request the backend is not called.
  const authHeaders = { authorization: 'Bearer ok' };
  const cachedUrl = `${preview.url}/bench/cached/7`;
  const denied = await get(cachedUrl, 10_000, { authorization: 'Bearer no' });
  const cached = await get(cachedUrl, 10_000, authHeaders);
  if (denied.statusCode !== 403 || cached.statusCode !== 200 || !cached.body.equals(direct.body)) throw new Error(`preview authorizer route answered ${denied.statusCode}/${cached.statusCode}: ${cached.body.toString().slice(0, 200)}`);
  const before = Number((await get(`${backend.url}/_count`)).body.toString());
  const cachedHeaders = Object.fromEntries(Object.entries(cached.headers).filter(([k]) => !['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(k)));
  const cachedFile = path.join(dir, 'cached-response.json');
  fs.writeFileSync(cachedFile, JSON.stringify({ statusCode: 200, headers: cachedHeaders, bodyBase64: cached.body.toString('base64') }));
  const raw2 = await startServer('raw', [path.join(here, 'rawServer.mjs'), '0', cachedFile]);
  const authAnchor = await cpuLoad(raw2, `${raw2.url}/bench/cached/7`, LOAD, authHeaders);
  const auth = await cpuLoad(preview, cachedUrl, LOAD, authHeaders);
  raw2.stop();
  const backendCalls = Number((await get(`${backend.url}/_count`)).body.toString()) - before;
  preview.stop();
  backend.stop();
  record('preview_auth_cache_rps', auth.rps, authAnchor.rps, 'req/s', { cpuUsPerReq: Math.round(auth.cpuUsPerReq), anchorCpuUsPerReq: Math.round(authAnchor.cpuUsPerReq), p99: auth.p99, errors: auth.errors + auth.non2xx, backendCalls });
  notes.preview_auth_cache_rps = `GET /bench/cached/7 with a TOKEN authorizer (local handler; its answer cached for authorizerResultTtlInSeconds 300, as API Gateway does) and the stage cache on (backend calls during the load: ${backendCalls}); anchor: raw node:http replaying the answer; no goal in issue 19`;
  record('preview_proxy_rps', proxy.rps, proxyAnchor.rps, 'req/s', { cpuUsPerReq: Math.round(proxy.cpuUsPerReq), anchorCpuUsPerReq: Math.round(proxyAnchor.cpuUsPerReq), p99: proxy.p99, anchorP99: proxyAnchor.p99, errors: proxy.errors + proxy.non2xx });
  goal('preview_proxy_rps', 'ratio >= 0.6, 0 errors', results(proxy, proxyAnchor) >= 0.6 && proxy.errors + proxy.non2xx === 0);
  notes.preview_proxy_rps = `ANY /bench/proxy/{proxy+} (HTTP_PROXY to a local node:http backend); anchor: rawProxy.mjs (node:http, keep-alive agent) to the same backend; server CPU per request ${Math.round(proxy.cpuUsPerReq)} vs ${Math.round(proxyAnchor.cpuUsPerReq)} us (the backend's CPU is in neither)`;
}

const results = (mine, anchor) => mine.rps / anchor.rps;
