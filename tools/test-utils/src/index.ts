import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { onTestFinished } from 'vitest';
import type { Api, Method, WriteOptions } from '@gitway/core';
import { init } from '@gitway/core';

export const AUTHOR = { name: 'Test Author', email: 'test@example.com' };

/** A deterministic clock: starts at 2026-01-01T00:00:00Z and ticks 1 s per call. */
export function fixedClock(start = Date.UTC(2026, 0, 1)): () => number {
  let t = start;
  return () => (t += 1000);
}

/** A fresh temp directory removed when the test ends. */
export function tempDir(prefix = 'gitway-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A new gitway repository in a temp dir, with write options bound (fixed author and clock). */
export async function tempRepo(): Promise<WriteOptions & { dir: string; gitdir: string; fs: typeof fs }> {
  const dir = tempDir();
  const gitdir = path.join(dir, '.gitway');
  await init({ fs, gitdir });
  return { fs, dir, gitdir, author: AUTHOR, now: fixedClock(), cache: {} };
}

/** Runs native git against `gitdir` and returns stdout. */
export function git(gitdir: string, ...args: string[]): string {
  return execFileSync('git', ['--git-dir', gitdir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

/** `git fsck --strict` must be clean; returns its output. */
export function fsck(gitdir: string): string {
  return execFileSync('git', ['--git-dir', gitdir, 'fsck', '--strict', '--no-dangling'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A snapshot of every file under `dir` (path -> content) to prove nothing changed. */
export function snapshotDir(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}

export function mockMethod(httpMethod: Method['httpMethod'], body: unknown, statusCode = '200'): Method {
  return {
    httpMethod,
    authorizationType: 'NONE',
    methodResponses: { [statusCode]: { statusCode } },
    methodIntegration: {
      type: 'MOCK',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      integrationResponses: { default: { statusCode, responseTemplates: { 'application/json': JSON.stringify(body) } } },
    },
  };
}

/** A small API built from object literals: GET /pets, GET /pets/{petId}, ANY /{proxy+}. */
export function sampleApi(version = 'v1'): Api {
  return {
    restApi: { name: 'petstore', version },
    resources: {
      '/pets': { path: '/pets', resourceMethods: { GET: mockMethod('GET', { version, pets: [] }) } },
      '/pets/{petId}': {
        path: '/pets/{petId}',
        resourceMethods: {
          GET: { ...mockMethod('GET', { version, id: '$input.params(\'petId\')' }), requestParameters: { 'method.request.path.petId': true } },
        },
      },
      '/{proxy+}': {
        path: '/{proxy+}',
        resourceMethods: {
          ANY: {
            httpMethod: 'ANY',
            authorizationType: 'NONE',
            requestParameters: { 'method.request.path.proxy': true },
            methodIntegration: {
              type: 'HTTP_PROXY',
              httpMethod: 'ANY',
              uri: '${stageVariables.backend}/{proxy}',
              requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
            },
          },
        },
      },
    },
    models: {},
    authorizers: {},
    requestValidators: {},
    gatewayResponses: {},
  };
}

/** A generated API with `n` GET methods spread over nested resources (for cost tests). */
export function generatedApi(n: number, perDir = 50): Api {
  const api: Api = { restApi: { name: `gen-${n}` }, resources: {}, models: {}, authorizers: {}, requestValidators: {}, gatewayResponses: {} };
  for (let i = 0; i < n; i++) {
    const p = `/r${Math.floor(i / perDir)}/s${i % perDir}`;
    api.resources[p] = { path: p, resourceMethods: { GET: mockMethod('GET', { i }) } };
  }
  return api;
}
export { freePort } from './freePort.js';
export { gitwayProcess, GITWAY_BIN } from './cliProcess.js';
export * from './gitHttpServer.js';
export * from './conformance/index.js';
export { colorsDefinition } from './colorsDefinition.js';
