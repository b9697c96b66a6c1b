import fs from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import {
  deploy, exportClientCertificate, generateClientCertificate, getClientCertificateKeyPair, updateStage, type Api,
} from '@gitway/core';
import { tempRepo } from '@gitway/test-utils';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createPreviewServer, storeLoader } from './index.js';

/** An HTTPS backend that requires a client certificate signed by (here: equal to) `ca`, answering with the peer's CN. */
async function mtlsBackend(identity: { certificatePem: string; privateKeyPem: string }, ca: string): Promise<string> {
  const server: HttpsServer = createHttpsServer({ key: identity.privateKeyPem, cert: identity.certificatePem, requestCert: true, rejectUnauthorized: true, ca: [ca] }, (req, res) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url, client: peer.subject?.CN }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const api = (backend: string): Api => ({
  restApi: { name: 'mtls' },
  resources: {
    '/pets/{proxy+}': {
      path: '/pets/{proxy+}',
      resourceMethods: {
        ANY: {
          httpMethod: 'ANY', authorizationType: 'NONE',
          // The backend's own certificate is self-signed: API Gateway's tlsConfig lets the gateway skip verifying it.
          methodIntegration: { type: 'HTTP_PROXY', httpMethod: 'ANY', uri: `${backend}/{proxy}`, tlsConfig: { insecureSkipVerification: true } },
        },
      },
    },
  },
  models: {}, authorizers: {}, requestValidators: {}, gatewayResponses: {},
});

describe("a stage's client certificate authenticates the gateway to HTTPS backends", () => {
  it('the backend that trusts the exported PEM accepts preview with the stage certificate and refuses it without', async () => {
    const repo = await tempRepo();
    const gatewayCert = await generateClientCertificate({ ...repo, description: 'gateway' });
    const backendIdentity = await getClientCertificateKeyPair({ ...repo, clientCertificateId: (await generateClientCertificate({ ...repo, description: 'backend tls' })).clientCertificateId });
    const exported = await exportClientCertificate({ ...repo, clientCertificateId: gatewayCert.clientCertificateId });
    const backend = await mtlsBackend(backendIdentity, exported);
    await deploy({ ...repo, api: api(backend), description: 'v1', stageName: 'with' });
    await deploy({ ...repo, api: api(backend), description: 'v1', stageName: 'without' });
    await updateStage({ ...repo, stageName: 'with', patchOperations: [{ op: 'replace', path: '/clientCertificateId', value: gatewayCert.clientCertificateId }] });

    const lines: string[] = [];
    const loadStage = storeLoader({ gitdir: repo.gitdir, watch: false });
    const preview = await createPreviewServer({ loadStage, port: 0, log: (l) => lines.push(l) });
    onTestFinished(() => new Promise<void>((resolve) => { loadStage.close(); preview.closeAllConnections(); preview.close(() => resolve()); }));
    const base = `http://127.0.0.1:${(preview.address() as AddressInfo).port}`;

    const ok = await fetch(`${base}/with/pets/7`);
    expect([ok.status, await ok.json()]).toEqual([200, { path: '/7', client: `gitway client certificate ${gatewayCert.clientCertificateId}` }]);
    const refused = await fetch(`${base}/without/pets/7`);
    expect([refused.status, await refused.json()]).toEqual([502, { message: 'Internal server error' }]);
    expect(lines.some((l) => l.includes(`Execution failed due to a network error communicating with endpoint ${backend}/7`))).toBe(true);

    // another repository's certificate (not the one the backend trusts) is refused too
    const other = await tempRepo();
    const stranger = await generateClientCertificate(other);
    fs.mkdirSync(`${repo.gitdir}/gitway/client-certificates`, { recursive: true });
    fs.copyFileSync(`${other.gitdir}/gitway/client-certificates/${stranger.clientCertificateId}.json`, `${repo.gitdir}/gitway/client-certificates/${stranger.clientCertificateId}.json`);
    await updateStage({ ...repo, stageName: 'without', patchOperations: [{ op: 'replace', path: '/clientCertificateId', value: stranger.clientCertificateId }] });
    expect((await fetch(`${base}/without/pets/7`)).status).toBe(502);
  });
});
