import { describe, expect, it } from 'vitest';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createSelfSignedCertificate } from './createSelfSignedCertificate.js';

describe('createSelfSignedCertificate', () => {
  const notBefore = new Date('2026-01-01T00:00:00Z');
  const notAfter = new Date('2027-01-01T00:00:00Z');

  // Serials whose first byte is 0x00 or 0x80 used to become a zero-padded INTEGER that
  // OpenSSL refuses ("illegal padding"); the random serial hit this once in 256 generations.
  it.each([
    ['00 05', [0x00, 0x05, 0x10, 0x20], '01051020'],
    ['80 05', [0x80, 0x05, 0x10, 0x20], '01051020'],
    ['ff ff', [0xff, 0xff, 0x10, 0x20], '7FFF1020'],
  ])('serial starting %s gives a certificate OpenSSL parses, with a positive minimal serial', async (_, bytes, serial) => {
    const { certificatePem, privateKeyPem } = await createSelfSignedCertificate({ commonName: 'gitway test', notBefore, notAfter, serial: Uint8Array.from(bytes) });
    const cert = new X509Certificate(certificatePem);
    expect(cert.subject).toBe('CN=gitway test');
    expect(cert.serialNumber).toBe(serial);
    expect(cert.checkPrivateKey(createPrivateKey(privateKeyPem))).toBe(true);
  });
});
