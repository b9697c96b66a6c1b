import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { deploy, getStage, init, parseDefinition, type WriteOptions } from '@gitway/core';
import { createPreviewServer, storeLoader } from '@gitway/preview';
import { AUTHOR, fixedClock } from '@gitway/test-utils';

export const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/petstore');

const listen = (s: Server) => new Promise<Server>((r) => s.listen(0, '127.0.0.1', () => r(s)));
const close = (s: Server) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); });
export const portOf = (s: Server): number => (s.address() as AddressInfo).port;

/** A node:http backend answering `{"backend": name, "path": ...}` (the target of GET /pets/{petId}). */
export async function backend(name: string): Promise<{ server: Server; url: string }> {
  const server = await listen(createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ backend: name, path: req.url }));
  }));
  return { server, url: `http://127.0.0.1:${portOf(server)}` };
}

export interface Scenario {
  repo: WriteOptions & { gitdir: string };
  base: string;
  v1: string;
  v2: string;
  backends: { a: string; b: string };
  stageOid: (name?: string) => Promise<string>;
  close: () => Promise<void>;
}

/**
 * A repository with deployments v1 and v2 of examples/petstore on main, stage `prod`
 * created on v1 and moved to v2 (backend = backend A), and a preview server with the
 * dashboard on an ephemeral loopback port. For beforeAll/afterAll.
 */
export async function scenario(): Promise<Scenario> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitway-dashboard-'));
  const gitdir = path.join(dir, '.gitway');
  const repo = { fs, gitdir, author: AUTHOR, now: fixedClock(), cache: {} };
  await init({ fs, gitdir });
  const [a, b] = await Promise.all([backend('A'), backend('B')]);
  const api = async (file: string) => parseDefinition({ text: fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), filename: file });
  const v1 = (await deploy({ ...repo, api: await api('v1.yaml'), description: 'v1: first pets API', stageName: 'prod', variables: { backend: a.url } })).id;
  const v2 = (await deploy({ ...repo, api: await api('v2.yaml'), description: 'v2: health check', stageName: 'prod' })).id;
  const server = await createPreviewServer({ loadStage: storeLoader({ gitdir }), repo, port: 0 });
  return {
    repo,
    base: `http://127.0.0.1:${portOf(server)}`,
    v1,
    v2,
    backends: { a: a.url, b: b.url },
    stageOid: async (name = 'prod') => (await getStage({ ...repo, stageName: name })).oid,
    close: async () => {
      await Promise.all([close(server), close(a.server), close(b.server)]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The CSRF token the dashboard's page carries (POSTs to its API need it, as the page sends it). */
export async function csrfToken(base: string): Promise<string> {
  const page = await (await fetch(`${base}/_gitway/`)).text();
  return /<meta name="gitway-csrf" content="([^"]+)">/.exec(page)![1];
}
