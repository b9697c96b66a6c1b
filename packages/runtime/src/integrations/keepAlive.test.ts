import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api, Stage } from '@gitway/core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createGateway } from '../createGateway.js';
import { MAX_SOCKETS_PER_ORIGIN } from './createTlsFetch.js';

/** A loopback backend counting the TCP connections it accepted; `hold` keeps answers back until released. */
async function backend(hold = false) {
  const held: ServerResponse[] = [];
  const seen = { connections: 0, requests: 0 };
  let onRequest = () => {};
  const server = createServer((req: IncomingMessage, res) => {
    seen.requests++;
    req.resume();
    const answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url }));
    if (hold) held.push(res);
    else answer();
    onRequest();
  });
  server.on('connection', () => seen.connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  onTestFinished(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    /** Resolves once `n` requests arrived. */
    requests: (n: number) => new Promise<void>((r) => { onRequest = () => seen.requests >= n && r(); onRequest(); }),
    release: () => held.splice(0).forEach((res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"held":true}')),
  };
}

const api = (timeoutInMillis = 29000): Api => ({
  restApi: { name: 'pool' },
  resources: {
    '/{proxy+}': { path: '/{proxy+}', resourceMethods: { ANY: { httpMethod: 'ANY', authorizationType: 'NONE', methodIntegration: { type: 'HTTP_PROXY', httpMethod: 'ANY', uri: 'http://${stageVariables.backend}/{proxy}', timeoutInMillis } } } },
  },
  models: {}, authorizers: {}, requestValidators: {}, gatewayResponses: {},
});
const stage = (host: string): Stage => ({
  stageName: 'prod', deploymentId: 'd1', variables: { backend: host }, cacheClusterEnabled: false, tracingEnabled: false, createdDate: '', lastUpdatedDate: '',
  methodSettings: { '*/*': { throttlingRateLimit: 1e9, throttlingBurstLimit: 1e9 } },
} as Stage);
const get = (path: string) => ({ method: 'GET', path, headers: {}, query: {} });

describe('HTTP integrations use a bounded keep-alive pool', () => {
  it('sequential requests reuse their connection', async () => {
    const b = await backend();
    const gw = createGateway({ api: api(), stage: stage(b.host) });
    for (let i = 0; i < 20; i++) {
      const res = await gw.handle(get(`/items/${i}`));
      expect([res.statusCode, res.body.toString()]).toEqual([200, JSON.stringify({ path: `/items/${i}` })]);
    }
    expect(b.seen.requests).toBe(20);
    // The pool may open a second connection when the next request is dispatched before the
    // previous answer's socket is back in the pool; without keep-alive this would be 20.
    expect(b.seen.connections).toBeLessThanOrEqual(2);
  });

  it(`concurrent requests open at most ${MAX_SOCKETS_PER_ORIGIN} connections to one backend; the rest wait for one`, async () => {
    const b = await backend(true);
    const gw = createGateway({ api: api(), stage: stage(b.host) });
    const all = Array.from({ length: MAX_SOCKETS_PER_ORIGIN + 36 }, (_, i) => gw.handle(get(`/slow/${i}`)));
    await b.requests(MAX_SOCKETS_PER_ORIGIN);
    expect(b.seen.connections).toBe(MAX_SOCKETS_PER_ORIGIN);
    const release = setInterval(b.release, 5);
    onTestFinished(() => clearInterval(release));
    const answers = await Promise.all(all);
    expect(answers.map((r) => r.statusCode)).toEqual(all.map(() => 200));
    expect(b.seen).toEqual({ connections: MAX_SOCKETS_PER_ORIGIN, requests: MAX_SOCKETS_PER_ORIGIN + 36 });
  });

  it("the integration's timeout still ends a request on a pooled connection with a 504", async () => {
    const b = await backend(true);
    const gw = createGateway({ api: api(50), stage: stage(b.host) });
    const res = await gw.handle(get('/never'));
    expect([res.statusCode, res.body.toString()]).toEqual([504, '{"message":"Endpoint request timed out"}']);
    b.release();
  });
});
