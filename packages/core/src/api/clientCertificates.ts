import { randomInt } from 'node:crypto';
import type { RepoOptions } from '../models/FsClient.js';
import type { ClientCertificate, ClientCertificateKeyPair } from '../models/clientCertificate.js';
import { _assertRepo } from '../commands/_repo.js';
import {
  _deleteClientCertificate, _listClientCertificateIds, _readClientCertificate, _writeClientCertificate, type StoredClientCertificate,
} from '../commands/_clientCertificates.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const VALID_DAYS = 365;

const publicPart = ({ privateKeyPem: _, ...cert }: StoredClientCertificate): ClientCertificate => cert;

/**
 * GenerateClientCertificate: a 2048-bit RSA key pair and a self-signed certificate valid
 * for 365 days, kept in the repository's local state (`<gitdir>/gitway/client-certificates/<id>.json`,
 * mode 0600; never pushed, fetched or cloned). A stage's `clientCertificateId` makes
 * preview present it to HTTPS backends. `random` picks the id (default node:crypto).
 *
 * @example
 * const cert = await generateClientCertificate({ fs, gitdir, description: 'prod backend' });
 * cert.clientCertificateId; // e.g. 'k3v9q0x2ab'
 */
export async function generateClientCertificate(opts: RepoOptions & { description?: string; now?: () => number; random?: () => number }): Promise<ClientCertificate> {
  await _assertRepo(opts);
  if (opts.description !== undefined && typeof opts.description !== 'string') {
    throw new InvalidParameterError('invalid description: must be a string', { path: 'description', value: opts.description });
  }
  const pick = opts.random ? () => Math.floor(opts.random!() * ALPHABET.length) : () => randomInt(ALPHABET.length);
  const taken = new Set(await _listClientCertificateIds(opts));
  let id: string;
  do id = Array.from({ length: 10 }, () => ALPHABET[pick()]).join('');
  while (taken.has(id));
  const created = new Date((opts.now ?? Date.now)());
  created.setUTCMilliseconds(0);
  const expires = new Date(created.getTime() + VALID_DAYS * 86_400_000);
  const serial = new Uint8Array(8);
  for (let i = 0; i < serial.length; i++) serial[i] = randomInt(256);
  // pkijs loads on first use: commands that never generate a certificate start faster.
  const { createSelfSignedCertificate } = await import('../utils/createSelfSignedCertificate.js');
  const { certificatePem, privateKeyPem } = await createSelfSignedCertificate({ commonName: `gitway client certificate ${id}`, notBefore: created, notAfter: expires, serial });
  const stored: StoredClientCertificate = {
    clientCertificateId: id,
    ...(opts.description ? { description: opts.description } : {}),
    pemEncodedCertificate: certificatePem,
    createdDate: created.toISOString(),
    expirationDate: expires.toISOString(),
    privateKeyPem,
  };
  await _writeClientCertificate(opts, stored);
  return publicPart(stored);
}

/**
 * GetClientCertificates: every client certificate of this repository, by id.
 *
 * @example
 * const { items } = await listClientCertificates({ fs, gitdir });
 */
export async function listClientCertificates(opts: RepoOptions): Promise<{ items: ClientCertificate[] }> {
  await _assertRepo(opts);
  const items: ClientCertificate[] = [];
  for (const id of await _listClientCertificateIds(opts)) items.push(publicPart(await _readClientCertificate(opts, id)));
  return { items };
}

/**
 * GetClientCertificate (NotFoundError for an unknown id, InvalidParameterError for a malformed one).
 *
 * @example
 * const { pemEncodedCertificate } = await getClientCertificate({ fs, gitdir, clientCertificateId: 'k3v9q0x2ab' });
 */
export async function getClientCertificate(opts: RepoOptions & { clientCertificateId: string }): Promise<ClientCertificate> {
  await _assertRepo(opts);
  return publicPart(await _readClientCertificate(opts, opts.clientCertificateId));
}

/**
 * The PEM a backend trusts to verify the gateway (its CA for client authentication).
 *
 * @example
 * fs.writeFileSync('gateway-ca.pem', await exportClientCertificate({ fs, gitdir, clientCertificateId: 'k3v9q0x2ab' }));
 */
export async function exportClientCertificate(opts: RepoOptions & { clientCertificateId: string }): Promise<string> {
  return (await getClientCertificate(opts)).pemEncodedCertificate;
}

/**
 * DeleteClientCertificate: removes the certificate and its private key.
 *
 * @example
 * await deleteClientCertificate({ fs, gitdir, clientCertificateId: 'k3v9q0x2ab' });
 */
export async function deleteClientCertificate(opts: RepoOptions & { clientCertificateId: string }): Promise<void> {
  await _assertRepo(opts);
  await _deleteClientCertificate(opts, opts.clientCertificateId);
}

/**
 * The certificate with its private key, for the preview server to present on TLS
 * connections to HTTP/HTTP_PROXY backends of stages whose clientCertificateId names it.
 *
 * @example
 * const pair = await getClientCertificateKeyPair({ fs, gitdir, clientCertificateId: stage.clientCertificateId });
 */
export async function getClientCertificateKeyPair(opts: RepoOptions & { clientCertificateId: string }): Promise<ClientCertificateKeyPair> {
  await _assertRepo(opts);
  const stored = await _readClientCertificate(opts, opts.clientCertificateId);
  return { clientCertificateId: stored.clientCertificateId, certificatePem: stored.pemEncodedCertificate, privateKeyPem: stored.privateKeyPem };
}
