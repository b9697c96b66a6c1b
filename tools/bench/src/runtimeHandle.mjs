// runtime_handle_us: the runtime's own CPU per request, in-process (`gateway.handle()` in a
// loop, no HTTP, no worker thread) on preview_vtl_rps's routes: the VTL MOCK route, a static
// MOCK route and the TOKEN authorizer + stage cache route. See README.md "Rows".
//   node tools/bench/src/runtimeHandle.mjs [--n 20000] [--reps 5] [--route vtl|static|auth_cache] [--json]
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseDefinition } from '@gitway/core';
import { PIPELINE_API } from './previewPipeline.mjs';

const STATIC = `  /static:
    get:
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
              application/json: '{"status": "ok"}'
`;

/** The preview bench's stage: unthrottled, the stage cache on for GET /cached/{id}. */
const STAGE = {
  stageName: 'bench', deploymentId: 'd1', cacheClusterEnabled: true, cacheClusterSize: '0.5', tracingEnabled: false,
  createdDate: '2026-01-01T00:00:00Z', lastUpdatedDate: '2026-01-01T00:00:00Z', variables: { backend: 'http://127.0.0.1:9' },
  methodSettings: { '*/*': { throttlingRateLimit: 1e9, throttlingBurstLimit: 1e9 }, 'cached/{id}/GET': { cachingEnabled: true, cacheTtlInSeconds: 300 } },
};

/** What a preview request looks like after the adapter (node:http's lower-case headers). */
const HEADERS = { host: '127.0.0.1:8080', connection: 'keep-alive', 'user-agent': 'autocannon' };

/**
 * The anchor of the VTL route: a raw function doing that template's string work (the
 * parameter, the stage, a fresh request id, JSON text) and building the same response.
 */
function rawVtl(request) {
  const id = request.path.slice(request.path.lastIndexOf('/') + 1);
  const body = `{"id": "${id}", "stage": "bench", "method": "${request.method}", "requestId": "${randomUUID()}"}`;
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body };
}

async function perRequestUs(fn, n) {
  for (let i = 0; i < Math.min(2000, n); i++) await fn(); // warm-up: JIT, caches
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU microseconds per request of each route, medians of `reps` runs of `n` requests. */
export async function runtimeHandle({ n = 20_000, reps = 5, only } = {}) {
  // RUNTIME_DIST=dir: measure another build of the runtime (e.g. the one before a change).
  const { createGateway } = await import(process.env.RUNTIME_DIST ? pathToFileURL(path.resolve(process.env.RUNTIME_DIST, 'index.js')).href : '@gitway/runtime');
  const api = await parseDefinition({ text: PIPELINE_API.replace('paths:\n', `paths:\n${STATIC}`), filename: 'api.yaml' });
  const backend = async () => new Response('{"id":"7"}', { status: 200, headers: { 'content-type': 'application/json' } });
  const handlers = {
    auth: async (event) => ({
      principalId: 'bench',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: event.authorizationToken === 'Bearer ok' ? 'Allow' : 'Deny', Resource: event.methodArn }] },
    }),
  };
  const gateway = createGateway({ api, stage: STAGE, handlers, fetch: backend, log: () => {} });
  const req = (path, headers = HEADERS) => ({ method: 'GET', path, headers, query: {}, sourceIp: '127.0.0.1' });
  const routes = {
    vtl: req('/vtl/42'),
    static: req('/static'),
    auth_cache: req('/cached/7', { ...HEADERS, authorization: 'Bearer ok' }),
  };
  const out = {};
  for (const [name, request] of Object.entries(routes)) {
    if (only && name !== only) continue;
    const first = await gateway.handle(request);
    if (first.statusCode !== 200) throw new Error(`runtime_handle ${name}: ${first.statusCode} ${first.body}`);
    const runs = [];
    for (let r = 0; r < reps; r++) runs.push(await perRequestUs(() => gateway.handle(request), n));
    out[name] = median(runs);
  }
  const rawRuns = [];
  for (let r = 0; r < reps; r++) rawRuns.push(await perRequestUs(async () => rawVtl(routes.vtl), n));
  out.raw_vtl = median(rawRuns);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, d) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : d);
  const route = process.argv.includes('--route') ? process.argv[process.argv.indexOf('--route') + 1] : undefined;
  const us = await runtimeHandle({ n: arg('--n', 20_000), reps: arg('--reps', 5), only: route });
  if (process.argv.includes('--json')) console.log(JSON.stringify(us));
  else for (const [k, v] of Object.entries(us)) console.log(`${k.padEnd(12)} ${v.toFixed(2)} us/request`);
}

/** The runtime_handle_us row, measured in a process of its own (the runner's heap holds the 10k API). */
export function runtimeHandleRow({ quick, record, notes }) {
  const args = [fileURLToPath(import.meta.url), '--json', '--n', quick ? '5000' : '20000', '--reps', quick ? '3' : '5'];
  const us = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }));
  const r2 = (x) => Math.round(x * 100) / 100;
  record('runtime_handle_us', us.vtl, us.raw_vtl, 'us', { staticMockUs: r2(us.static), authCacheUs: r2(us.auth_cache) });
  notes.runtime_handle_us = `gateway.handle() in-process, CPU per request: VTL route (preview_vtl_rps's GET /vtl/42) ${r2(us.vtl)} us, static MOCK ${r2(us.static)} us, TOKEN authorizer + stage cache hit ${r2(us.auth_cache)} us; anchor: a function building that VTL answer with template literals and randomUUID`;
}
