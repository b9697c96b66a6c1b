import { webcrypto } from 'node:crypto';

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };

function pem(label: string, der: ArrayBuffer): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * A 2048-bit RSA key pair and a self-signed X.509 v3 certificate (SHA-256 with RSA,
 * not a CA, usable for TLS client authentication) for `commonName`, valid from
 * `notBefore` to `notAfter`. Keys and signature come from node:crypto's WebCrypto;
 * pkijs builds the certificate structure.
 *
 * @example
 * const { certificatePem, privateKeyPem } = await createSelfSignedCertificate({ commonName: 'gitway abc', notBefore, notAfter, serial });
 */
export async function createSelfSignedCertificate(o: { commonName: string; notBefore: Date; notAfter: Date; serial: Uint8Array }): Promise<{ certificatePem: string; privateKeyPem: string }> {
  // Loaded on first use: every gitway command imports core, few generate certificates.
  const [asn1js, pkijs] = await Promise.all([import('asn1js'), import('pkijs')]);
  const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] });
  const keys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  // A positive INTEGER in minimal DER: top bit clear, and a first byte that is not 0 (a
  // leading zero before a byte below 0x80 is "illegal padding" to OpenSSL, which then refuses
  // the whole certificate — one random serial in 256 did that).
  const serial = Uint8Array.from(o.serial);
  serial[0] = serial[0]! & 0x7f || 0x01;
  certificate.serialNumber = new asn1js.Integer({ valueHex: serial });
  const name = () => new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: o.commonName }) });
  certificate.subject.typesAndValues.push(name());
  certificate.issuer.typesAndValues.push(name());
  certificate.notBefore.value = o.notBefore;
  certificate.notAfter.value = o.notAfter;
  certificate.extensions = [
    new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false), parsedValue: new pkijs.BasicConstraints({ cA: false }) }),
    // keyUsage: digitalSignature + keyEncipherment
    new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: new asn1js.BitString({ valueHex: new Uint8Array([0xa0]), unusedBits: 5 }).toBER(false) }),
    // extKeyUsage: clientAuth
    new pkijs.Extension({ extnID: '2.5.29.37', extnValue: new pkijs.ExtKeyUsage({ keyPurposes: ['1.3.6.1.5.5.7.3.2'] }).toSchema().toBER(false) }),
  ];
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey, engine);
  await certificate.sign(keys.privateKey, 'SHA-256', engine);
  const der = certificate.toSchema(true).toBER(false);
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certificatePem: pem('CERTIFICATE', der), privateKeyPem: pem('PRIVATE KEY', pkcs8) };
}
