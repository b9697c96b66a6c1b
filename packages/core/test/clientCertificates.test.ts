import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { addRemote, clone, deploy, push, deleteClientCertificate, exportClientCertificate, generateClientCertificate, getClientCertificate, getClientCertificateKeyPair, listClientCertificates } from '@gitway/core';
import { CLIENT_CERTIFICATES_DIR } from '@gitway/core/internal';
import { fsck, git, sampleApi, snapshotDir, startGitHttpServer, tempDir, tempRepo } from '@gitway/test-utils';
import { describe, expect, it, onTestFinished } from 'vitest';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0, 250);
/** A random source that walks the alphabet: ids 'abcdefghij', then 'klmnopqrst'. */
function walking(): () => number {
  let i = 0;
  return () => (i++ % 36) / 36 + 1e-9;
}

describe('client certificates (GenerateClientCertificate, GetClientCertificates, DeleteClientCertificate)', () => {
  it('generates a key pair and a self-signed certificate kept in local state, lists, exports and deletes it', async () => {
    const repo = await tempRepo();
    await deploy({ ...repo, api: sampleApi('v1'), description: 'v1', stageName: 'prod' });
    const random = walking();
    const cert = await generateClientCertificate({ ...repo, description: 'prod backend', now: () => NOW, random });
    expect(cert).toEqual({
      clientCertificateId: 'abcdefghij',
      description: 'prod backend',
      pemEncodedCertificate: expect.stringMatching(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/),
      createdDate: '2026-11-29T12:00:00.000Z',
      expirationDate: '2027-11-29T12:00:00.000Z',
    });
    const x509 = new X509Certificate(cert.pemEncodedCertificate);
    expect([x509.subject, x509.issuer, x509.ca, x509.validFrom, x509.validTo, x509.keyUsage]).toEqual([
      'CN=gitway client certificate abcdefghij', 'CN=gitway client certificate abcdefghij', false, 'Nov 29 12:00:00 2026 GMT', 'Nov 29 12:00:00 2027 GMT', ['1.3.6.1.5.5.7.3.2'],
    ]);
    expect(x509.verify(x509.publicKey)).toBe(true);
    const pair = await getClientCertificateKeyPair({ ...repo, clientCertificateId: 'abcdefghij' });
    expect(x509.checkPrivateKey(createPrivateKey(pair.privateKeyPem))).toBe(true);
    expect(createPrivateKey(pair.privateKeyPem).asymmetricKeyDetails).toEqual({ modulusLength: 2048, publicExponent: 65537n });

    const file = path.join(repo.gitdir, CLIENT_CERTIFICATES_DIR, 'abcdefghij.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const second = await generateClientCertificate({ ...repo, now: () => NOW, random });
    expect(second.clientCertificateId).toBe('klmnopqrst');
    expect(second.description).toBeUndefined();
    expect((await listClientCertificates(repo)).items.map((c) => c.clientCertificateId)).toEqual(['abcdefghij', 'klmnopqrst']);
    expect(await getClientCertificate({ ...repo, clientCertificateId: 'abcdefghij' })).toEqual(cert);
    expect(await exportClientCertificate({ ...repo, clientCertificateId: 'abcdefghij' })).toBe(cert.pemEncodedCertificate);
    fsck(repo.gitdir);

    // never carried by push or clone (gitway's over git http-backend, or native git's), never in any object
    const server = await startGitHttpServer({ root: tempDir('gitway-cert-srv-') });
    onTestFinished(() => server.close());
    const bare = server.createRepo('api.git', { receivePack: true });
    await addRemote({ ...repo, remote: 'origin', url: server.url('api.git') });
    await push({ ...repo, stages: ['prod'] });
    const target = path.join(tempDir('gitway-cert-clone-'), 'copy.gitway');
    await clone({ fs, url: server.url('api.git'), gitdir: target });
    const mirror = path.join(tempDir('gitway-cert-mirror-'), 'm.git');
    git(repo.gitdir, 'clone', '--mirror', '--quiet', repo.gitdir, mirror);
    for (const copy of [bare, target, mirror]) expect([copy, fs.existsSync(path.join(copy, 'gitway'))]).toEqual([copy, false]);
    const objects = git(repo.gitdir, 'cat-file', '--batch-all-objects', '--batch');
    expect(objects).not.toContain('PRIVATE KEY');
    expect(objects).toContain('"stageName": "prod"');

    await deleteClientCertificate({ ...repo, clientCertificateId: 'abcdefghij' });
    expect((await listClientCertificates(repo)).items.map((c) => c.clientCertificateId)).toEqual(['klmnopqrst']);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses unknown and malformed ids with typed errors, leaving the repository byte-identical', async () => {
    const repo = await tempRepo();
    await generateClientCertificate({ ...repo, now: () => NOW, random: walking() });
    const before = snapshotDir(repo.gitdir);
    const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: { code: string; message: string }) => `${e.code}: ${e.message}`);
    expect(await codeOf(getClientCertificate({ ...repo, clientCertificateId: 'zzzzzzzzzz' }))).toBe(
      "NotFoundError: client certificate 'zzzzzzzzzz' not found in this repository (client certificates are local: never pushed or cloned)",
    );
    expect(await codeOf(deleteClientCertificate({ ...repo, clientCertificateId: 'zzzzzzzzzz' }))).toMatch(/^NotFoundError: /);
    for (const bad of ['../../HEAD', 'ABCDEFGHIJ', 'abc', 'abcdefghij/']) {
      expect(await codeOf(exportClientCertificate({ ...repo, clientCertificateId: bad }))).toBe(`InvalidParameterError: invalid client certificate id '${bad}': 10 characters from a-z 0-9`);
      expect(await codeOf(deleteClientCertificate({ ...repo, clientCertificateId: bad }))).toMatch(/^InvalidParameterError: /);
    }
    expect(await codeOf(generateClientCertificate({ ...repo, description: 42 as unknown as string }))).toBe('InvalidParameterError: invalid description: must be a string');
    expect(snapshotDir(repo.gitdir)).toEqual(before);
  });
});
