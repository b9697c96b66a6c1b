import fs from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { getClientCertificateKeyPair } from '@gitway/core';
import { snapshotDir, tempDir } from '@gitway/test-utils';
import { describe, expect, it, onTestFinished } from 'vitest';
import { gitway, gitwayAsync, json } from './helpers.js';

const definition = `openapi: 3.0.1
info: { title: mtls, version: '1' }
paths:
  /pets/{petId}:
    get:
      parameters: [{ name: petId, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: "\${stageVariables.backend}/pets/{petId}"
        requestParameters: { integration.request.path.petId: method.request.path.petId }
        tlsConfig: { insecureSkipVerification: true }
`;

describe('gitway client-certificate', () => {
  it('generate, list, export, a stage presenting it through test-invoke to an HTTPS backend that requires it, delete', async () => {
    const dir = tempDir('gitway-cli-cert-');
    fs.writeFileSync(path.join(dir, 'api.yaml'), definition);
    expect(gitway(dir, 'init').code).toBe(0);
    const cert = json(dir, 'client-certificate', 'generate', '--description', 'gateway');
    expect(cert).toEqual({
      clientCertificateId: expect.stringMatching(/^[a-z0-9]{10}$/), description: 'gateway',
      pemEncodedCertificate: expect.stringMatching(/^-----BEGIN CERTIFICATE-----\n/), createdDate: expect.any(String), expirationDate: expect.any(String),
    });
    expect(Date.parse(cert.expirationDate) - Date.parse(cert.createdDate)).toBe(365 * 86_400_000);
    const backendId = json(dir, 'client-certificate', 'generate', '--description', 'backend tls').clientCertificateId;
    expect(json(dir, 'client-certificate', 'list').items.map((c: { clientCertificateId: string }) => c.clientCertificateId)).toEqual([cert.clientCertificateId, backendId].sort());
    const exported = gitway(dir, 'client-certificate', 'export', cert.clientCertificateId);
    expect(exported.stdout).toBe(cert.pemEncodedCertificate);

    const identity = await getClientCertificateKeyPair({ fs, gitdir: path.join(dir, '.gitway'), clientCertificateId: backendId });
    const backend: Server = createServer({ key: identity.privateKeyPem, cert: identity.certificatePem, requestCert: true, rejectUnauthorized: true, ca: [exported.stdout] }, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url, client: (req.socket as TLSSocket).getPeerCertificate().subject?.CN }));
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => { backend.closeAllConnections(); backend.close(() => resolve()); }));
    const url = `https://127.0.0.1:${(backend.address() as AddressInfo).port}`;

    json(dir, 'deploy', '-m', 'v1', '--stage', 'prod', '--variables', `backend=${url}`);
    const refused = JSON.parse((await gitwayAsync(dir, 'test-invoke', 'prod', 'GET', '/pets/7', '--json')).stdout);
    expect(refused.status).toBe(502);
    expect(refused.log).toContain(`Execution failed due to a network error communicating with endpoint ${url}/pets/7`);
    json(dir, 'stage', 'update', 'prod', '--patch', `op=replace,path=/clientCertificateId,value=${cert.clientCertificateId}`);
    const accepted = JSON.parse((await gitwayAsync(dir, 'test-invoke', 'prod', 'GET', '/pets/7', '--json')).stdout);
    expect([accepted.status, JSON.parse(accepted.body)]).toEqual([200, { path: '/pets/7', client: `gitway client certificate ${cert.clientCertificateId}` }]);
    expect(gitway(dir, 'client-certificate', 'list').stdout).toMatch(new RegExp(`^${cert.clientCertificateId} .* prod +gateway$`, 'm'));

    const gitdir = path.join(dir, '.gitway');
    const before = snapshotDir(gitdir);
    for (const [args, message] of [
      [['export', 'NOPE'], "error: invalid client certificate id 'NOPE': 10 characters from a-z 0-9 [InvalidParameterError]"],
      [['delete', 'zzzzzzzzzz'], "error: client certificate 'zzzzzzzzzz' not found in this repository (client certificates are local: never pushed or cloned) [NotFoundError]"],
    ] as const) {
      const bad = gitway(dir, 'client-certificate', ...args);
      expect([bad.code, bad.stderr.trim()]).toEqual([128, message]);
    }
    expect(snapshotDir(gitdir)).toEqual(before);
    expect(gitway(dir, 'client-certificate', 'delete', backendId).stdout.trim()).toBe(`deleted client certificate ${backendId}`);
    expect(json(dir, 'client-certificate', 'list').items.map((c: { clientCertificateId: string }) => c.clientCertificateId)).toEqual([cert.clientCertificateId]);
  });
});
