import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api, Stage } from '@gitway/core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createPreviewServer } from './index.js';

const api: Api = {
  restApi: { name: 'p' },
  resources: {
    '/pets/{petId}': {
      path: '/pets/{petId}',
      resourceMethods: {
        GET: {
          httpMethod: 'GET', authorizationType: 'NONE',
          methodIntegration: { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode":200}' }, integrationResponses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"id":"$input.params(\'petId\')"}' } } } },
        },
      },
    },
  },
  models: {}, authorizers: {}, requestValidators: {}, gatewayResponses: {},
};
const stage = (methodSettings: Stage['methodSettings']): Stage => ({ stageName: 'prod', deploymentId: 'd', methodSettings, cacheClusterEnabled: false, tracingEnabled: false, createdDate: '', lastUpdatedDate: '' });

async function serve(s: Stage): Promise<{ base: string; lines: string[] }> {
  const lines: string[] = [];
  const server: Server = await createPreviewServer({ loadStage: async (name) => (name === 'prod' ? { api, stage: s, version: '1' } : null), port: 0, executionLog: (l) => lines.push(l) });
  onTestFinished(() => new Promise<void>((r) => server.close(() => r())));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod`, lines };
}

describe('preview execution logging', () => {
  it('writes execution log lines per request for a method with loggingLevel INFO, bodies with dataTraceEnabled', async () => {
    const { base, lines } = await serve(stage({ 'pets/{petId}/GET': { loggingLevel: 'INFO', dataTraceEnabled: true } }));
    const res = await fetch(`${base}/pets/7?limit=2`);
    expect([res.status, await res.text()]).toEqual([200, '{"id":"7"}']);
    const id = /^\((.+?)\) /.exec(lines[0]!)![1];
    expect(lines.map((l) => l.replace(`(${id}) `, ''))).toEqual([
      `Starting execution for request: ${id}`,
      'HTTP Method: GET, Resource Path: /pets/7',
      'Method request path: {petId=7}',
      'Method request query string: {limit=2}',
      expect.stringMatching(/^Method request headers: \{host=127\.0\.0\.1:\d+, connection=keep-alive, .*\}$/),
      'Method request body before transformations: ',
      'Method response body after transformations: {"id":"7"}',
      'Method response headers: {content-type=application/json}',
      'Successfully completed execution',
      'Method completed with status: 200',
    ]);
  });

  it('writes nothing for methods without a loggingLevel', async () => {
    const { base, lines } = await serve(stage({ '*/*': { loggingLevel: 'OFF' } }));
    expect((await fetch(`${base}/pets/7`)).status).toBe(200);
    expect(lines).toEqual([]);
  });
});
