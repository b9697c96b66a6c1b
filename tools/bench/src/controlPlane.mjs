// Control-plane latency: `gitway serve` answering GetStage and UpdateStage (restJson1, as
// the AWS SDKs send them) against a raw node:http endpoint that parses the same JSON body
// and answers the same Stage JSON. Sequential requests over one keep-alive connection,
// both servers in this process; p50 and p99 of the per-request latency in ms.
import fs from 'node:fs';
import path from 'node:path';
import { createServer, request, Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { NotBuilt } from './processes.mjs';

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function send(agent, port, method, p, body) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: p, agent, headers: { 'content-type': 'application/json', accept: 'application/json', authorization: 'AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=' + '0'.repeat(64) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => (res.statusCode >= 200 && res.statusCode < 300 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${method} ${p}: ${res.statusCode} ${Buffer.concat(chunks)}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function latencies(port, n, make) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const out = [];
  try {
    for (let i = 0; i < Math.min(20, n); i++) await send(agent, port, ...make(i)); // warm-up
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await send(agent, port, ...make(i + 20));
      out.push(performance.now() - t);
    }
  } finally {
    agent.destroy();
  }
  return out;
}

const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
const close = (server) => new Promise((resolve) => server.close(() => resolve()));

/** Records control_get_stage and control_update_stage (p50 in ms; p99 and the anchor's p99 beside). */
export async function controlPlaneLatency({ dir, quick, record }) {
  let serve;
  try {
    serve = await import('@gitway/serve');
  } catch {
    throw new NotBuilt('apps/serve not built');
  }
  const server = await serve.createServeServer({ root: dir, port: 0 });
  const port = server.address().port;
  const agent = new Agent({ keepAlive: true });
  const definition = JSON.stringify({
    openapi: '3.0.1', info: { title: 'bench', version: '1' },
    paths: { '/ping': { get: { responses: { 200: { description: 'ok' } }, 'x-amazon-apigateway-integration': { type: 'mock', requestTemplates: { 'application/json': '{"statusCode": 200}' }, responses: { default: { statusCode: '200' } } } } } },
  });
  const raw = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (chunks.length) JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': stageBody.length });
      res.end(stageBody);
    });
  });
  let stageBody;
  try {
    const created = JSON.parse(await send(agent, port, 'POST', '/restapis?mode=import', definition));
    const id = created.id;
    await send(agent, port, 'POST', `/restapis/${id}/deployments`, JSON.stringify({ stageName: 'prod', variables: { v: '0' } }));
    stageBody = await send(agent, port, 'GET', `/restapis/${id}/stages/prod`);
    const rawPort = await listen(raw);
    const n = quick ? 200 : 1000;
    const writes = quick ? 50 : 200;
    const get = () => ['GET', `/restapis/${id}/stages/prod`];
    const update = (i) => ['PATCH', `/restapis/${id}/stages/prod`, JSON.stringify({ patchOperations: [{ op: 'replace', path: '/variables/v', value: String(i + 1) }] })];
    const gitwayGet = await latencies(port, n, get);
    const rawGet = await latencies(rawPort, n, get);
    const gitwayUpdate = await latencies(port, writes, update);
    const rawUpdate = await latencies(rawPort, writes, update);
    const row = (name, g, a) =>
      record(name, percentile(g, 50), percentile(a, 50), 'ms', { p99: Math.round(percentile(g, 99) * 100) / 100, anchor_p99: Math.round(percentile(a, 99) * 100) / 100, requests: g.length });
    row('control_get_stage', gitwayGet, rawGet);
    row('control_update_stage', gitwayUpdate, rawUpdate);
  } finally {
    agent.destroy();
    await close(server);
    if (raw.listening) await close(raw);
    fs.rmSync(path.join(dir), { recursive: true, force: true });
  }
}
