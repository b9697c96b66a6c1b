import fs from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { getClientCertificateKeyPair } from '@gitway/core';
import { snapshotDir, tempDir } from '@gitway/test-utils';
import { describe, expect, it, onTestFinished } from 'vitest';
import { run } from '../src/cli.js';
import { gitway } from './helpers.js';

const ENV = { ...process.env, NO_COLOR: '1', GITWAY_AUTHOR_NAME: 'CLI Test', GITWAY_AUTHOR_EMAIL: 'cli@example.com' };
/** The CLI in-process (the same command table and modules as the binary, without a node start per call). */
const cli = async (cwd: string, ...argv: string[]) => run(argv, { cwd, env: ENV });
const json = async (cwd: string, ...argv: string[]): Promise<any> => (await cli(cwd, ...argv, '--json')).json;

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
    await cli(dir, 'init');
    const cert = await json(dir, 'client-certificate', 'generate', '--description', 'gateway');
    expect(cert).toEqual({
      clientCertificateId: expect.stringMatching(/^[a-z0-9]{10}$/), description: 'gateway',
      pemEncodedCertificate: expect.stringMatching(/^-----BEGIN CERTIFICATE-----\n/), createdDate: expect.any(String), expirationDate: expect.any(String),
    });
    expect(Date.parse(cert.expirationDate) - Date.parse(cert.createdDate)).toBe(365 * 86_400_000);
    const backendId = (await json(dir, 'client-certificate', 'generate', '--description', 'backend tls')).clientCertificateId;
    expect((await json(dir, 'client-certificate', 'list')).items.map((c: { clientCertificateId: string }) => c.clientCertificateId)).toEqual([cert.clientCertificateId, backendId].sort());
    const exported = { stdout: `${(await cli(dir, 'client-certificate', 'export', cert.clientCertificateId)).text}\n` };
    expect(exported.stdout).toBe(cert.pemEncodedCertificate);

    const identity = await getClientCertificateKeyPair({ fs, gitdir: path.join(dir, '.gitway'), clientCertificateId: backendId });
    const backend: Server = createServer({ key: identity.privateKeyPem, cert: identity.certificatePem, requestCert: true, rejectUnauthorized: true, ca: [exported.stdout] }, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url, client: (req.socket as TLSSocket).getPeerCertificate().subject?.CN }));
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => { backend.closeAllConnections(); backend.close(() => resolve()); }));
    const url = `https://127.0.0.1:${(backend.address() as AddressInfo).port}`;

    await json(dir, 'deploy', '-m', 'v1', '--stage', 'prod', '--variables', `backend=${url}`);
    const refused = await json(dir, 'test-invoke', 'prod', 'GET', '/pets/7');
    expect(refused.status).toBe(502);
    expect(refused.log).toContain(`Execution failed due to a network error communicating with endpoint ${url}/pets/7`);
    await json(dir, 'stage', 'update', 'prod', '--patch', `op=replace,path=/clientCertificateId,value=${cert.clientCertificateId}`);
    const accepted = await json(dir, 'test-invoke', 'prod', 'GET', '/pets/7');
    expect([accepted.status, JSON.parse(accepted.body)]).toEqual([200, { path: '/pets/7', client: `gitway client certificate ${cert.clientCertificateId}` }]);
    expect((await cli(dir, 'client-certificate', 'list')).text).toMatch(new RegExp(`^${cert.clientCertificateId} .* prod +gateway$`, 'm'));

    const gitdir = path.join(dir, '.gitway');
    const before = snapshotDir(gitdir);
    const bad = await gitway(dir, 'client-certificate', 'export', 'NOPE');
    expect([bad.code, bad.stderr]).toEqual([128, "error: invalid client certificate id 'NOPE': 10 characters from a-z 0-9 [InvalidParameterError]\n"]);
    const missing = await cli(dir, 'client-certificate', 'delete', 'zzzzzzzzzz').then(() => 'resolved', (e: { code: string; message: string }) => `${e.message} [${e.code}]`);
    expect(missing).toBe("client certificate 'zzzzzzzzzz' not found in this repository (client certificates are local: never pushed or cloned) [NotFoundError]");
    expect(snapshotDir(gitdir)).toEqual(before);
    expect((await cli(dir, 'client-certificate', 'delete', backendId)).text).toBe(`deleted client certificate ${backendId}`);
    expect((await json(dir, 'client-certificate', 'list')).items.map((c: { clientCertificateId: string }) => c.clientCertificateId)).toEqual([cert.clientCertificateId]);
  });
});
