import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { Api, Stage } from '@gitway/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../createGateway.js';

// A real backend on loopback answering compression bombs and endless bodies.
const MB = 1024 * 1024;
const zeros = Buffer.alloc(64 * MB);
const BOMBS: Record<string, { encoding: string; body: Buffer }> = {
  gzip: { encoding: 'gzip', body: gzipSync(zeros, { level: 9 }) },
  deflate: { encoding: 'deflate', body: deflateSync(zeros, { level: 9 }) },
  br: { encoding: 'br', body: brotliCompressSync(zeros) },
};
let backend: Server;
let host: string;
beforeAll(async () => {
  backend = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1);
    if (BOMBS[name]) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': BOMBS[name].encoding, 'content-length': BOMBS[name].body.length });
      return res.end(BOMBS[name].body);
    }
    if (name === 'endless') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(MB, 0x61);
      const pump = () => { while (res.write(chunk)); };
      res.on('drain', pump);
      res.on('close', () => res.off('drain', pump));
      return pump();
    }
    const size = Number(name) * MB; // exactly N MB, gzip-encoded on the wire
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' });
    res.end(gzipSync(Buffer.alloc(size, 0x62)));
  });
  await new Promise<void>((r) => backend.listen(0, '127.0.0.1', () => r()));
  host = `127.0.0.1:${(backend.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => { backend.closeAllConnections(); backend.close(() => r()); }));

const stage = (): Stage => ({ stageName: 'prod', deploymentId: 'd1', variables: { backend: host }, cacheClusterEnabled: false, tracingEnabled: false, createdDate: '', lastUpdatedDate: '' });
const api: Api = {
  restApi: { name: 'cap' },
  resources: {
    '/proxy/{proxy+}': { path: '/proxy/{proxy+}', resourceMethods: { GET: { httpMethod: 'GET', authorizationType: 'NONE', methodIntegration: { type: 'HTTP_PROXY', httpMethod: 'GET', uri: 'http://${stageVariables.backend}/{proxy}' } } } },
    '/http/{name}': {
      path: '/http/{name}',
      resourceMethods: { GET: { httpMethod: 'GET', authorizationType: 'NONE', methodIntegration: { type: 'HTTP', httpMethod: 'GET', uri: 'http://${stageVariables.backend}/{name}', integrationResponses: { default: { statusCode: '200' } } } } },
    },
  },
  models: {}, authorizers: {}, requestValidators: {}, gatewayResponses: {},
};
const get = (path: string) => ({ method: 'GET', path, headers: {}, query: {} });

describe('integration responses are capped at 10 MB after decoding', () => {
  it.each(Object.keys(BOMBS))('a %s bomb (64 MB inflated) is a 502 and is never inflated past the cap', async (name) => {
    const log: string[] = [];
    const gw = createGateway({ api, stage: stage(), log: (line) => log.push(line) });
    for (const path of [`/proxy/${name}`, `/http/${name}`]) {
      const res = await gw.handle(get(path));
      expect([res.statusCode, res.body.toString()]).toEqual([502, '{"message":"Internal server error"}']);
    }
    expect(log.filter((l) => l.endsWith('Execution failed: integration response exceeded 10485760 bytes after decoding'))).toHaveLength(2);
  });

  it('a backend that never stops sending is cut at the cap', async () => {
    const gw = createGateway({ api, stage: stage() });
    expect((await gw.handle(get('/proxy/endless'))).statusCode).toBe(502);
  });

  it('a 10 MB body (decoded) still passes; 11 MB does not', async () => {
    const gw = createGateway({ api, stage: stage() });
    const ten = await gw.handle(get('/proxy/10'));
    expect([ten.statusCode, Buffer.byteLength(ten.body)]).toEqual([200, 10 * MB]);
    expect((await gw.handle(get('/http/11'))).statusCode).toBe(502);
  });
});
