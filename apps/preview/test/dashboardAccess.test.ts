import fs from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { init } from '@gitway/core';
import { createPreviewServer } from '@gitway/preview';
import { AUTHOR, fixedClock, tempDir } from '@gitway/test-utils';
import { afterEach, describe, expect, it } from 'vitest';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); })));
});

async function start(host: string, extra: { dashboardToken?: string; allowedHosts?: string[] } = {}): Promise<number> {
  const gitdir = path.join(tempDir(), '.gitway');
  await init({ fs, gitdir });
  const server = await createPreviewServer({ loadStage: async () => null, repo: { fs, gitdir, author: AUTHOR, now: fixedClock() }, host, port: 0, ...extra });
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

/** GET over loopback with any Host header: { status, code, location, cookie }. */
function get(port: number, target: string, headers: Record<string, string> = {}): Promise<{ status: number; code?: string; location?: string; cookie?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: target, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        let code: string | undefined;
        try {
          code = JSON.parse(body).code;
        } catch {
          code = undefined;
        }
        resolve({ status: res.statusCode!, code, location: res.headers.location, cookie: res.headers['set-cookie']?.[0] });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('dashboard exposure', () => {
  it('on a non-loopback bind without --dashboard-token the dashboard and its API are off', async () => {
    const port = await start('0.0.0.0');
    expect(await get(port, '/_gitway/api/stages')).toMatchObject({ status: 403, code: 'ForbiddenError' });
    expect((await get(port, '/_gitway/')).status).toBe(403);
  });

  it('with a token: every request needs it (Bearer, or ?token= turned into an HttpOnly cookie)', async () => {
    const port = await start('0.0.0.0', { dashboardToken: 't0ken' });
    expect(await get(port, '/_gitway/api/stages')).toMatchObject({ status: 401, code: 'UnauthorizedError' });
    expect(await get(port, '/_gitway/api/stages', { authorization: 'Bearer wrong' })).toMatchObject({ status: 401 });
    expect((await get(port, '/_gitway/api/stages', { authorization: 'Bearer t0ken' })).status).toBe(200);
    expect(await get(port, '/_gitway/?token=t0ken')).toMatchObject({
      status: 303, location: '/_gitway/', cookie: 'gitway-dashboard-token=t0ken; HttpOnly; SameSite=Strict; Path=/_gitway',
    });
    expect((await get(port, '/_gitway/', { cookie: 'gitway-dashboard-token=t0ken' })).status).toBe(200);
  });

  it('answers only the Host names it was started with (DNS rebinding), token or not', async () => {
    const port = await start('0.0.0.0', { dashboardToken: 't0ken', allowedHosts: ['preview.lan'] });
    const bearer = { authorization: 'Bearer t0ken' };
    expect(await get(port, '/_gitway/api/stages', { ...bearer, host: 'evil.example' })).toMatchObject({ status: 403, code: 'ForbiddenError' });
    expect((await get(port, '/_gitway/api/stages', { ...bearer, host: `preview.lan:${port}` })).status).toBe(200);
    expect((await get(port, '/_gitway/api/stages', { ...bearer, host: `localhost:${port}` })).status).toBe(200);
  });

  it('a loopback bind needs no token and still refuses foreign Host names', async () => {
    const port = await start('127.0.0.1');
    expect((await get(port, '/_gitway/api/stages')).status).toBe(200);
    expect((await get(port, '/_gitway/api/stages', { host: 'evil.example' })).status).toBe(403);
  });
});
