import type { RepoOptions } from '../models/FsClient.js';
import { CLIENT_CERTIFICATE_ID, type ClientCertificate } from '../models/clientCertificate.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';
import { NotFoundError } from '../errors/NotFoundError.js';
import { join } from '../utils/join.js';

/**
 * Where client certificates live: files in the repository directory outside refs/ and
 * objects/, so no push, fetch or clone (gitway's or native git's) ever carries a private key.
 */
export const CLIENT_CERTIFICATES_DIR = 'gitway/client-certificates';

/** What one `<id>.json` holds. */
export interface StoredClientCertificate extends ClientCertificate {
  privateKeyPem: string;
}

/** Refuses an id that is not API Gateway's shape before it can reach a path. */
export function _assertClientCertificateId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || !CLIENT_CERTIFICATE_ID.test(id)) {
    throw new InvalidParameterError(`invalid client certificate id '${String(id)}': 10 characters from a-z 0-9`, { path: 'clientCertificateId', value: id });
  }
}

const fileOf = (opts: RepoOptions, id: string) => join(opts.gitdir, CLIENT_CERTIFICATES_DIR, `${id}.json`);

export async function _readClientCertificate(opts: RepoOptions, id: string): Promise<StoredClientCertificate> {
  _assertClientCertificateId(id);
  const text = await opts.fs.promises.readFile(fileOf(opts, id), 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (text === null) throw new NotFoundError(`client certificate '${id}' not found in this repository (client certificates are local: never pushed or cloned)`, { what: 'clientCertificate', name: id });
  return JSON.parse(String(text)) as StoredClientCertificate;
}

export async function _listClientCertificateIds(opts: RepoOptions): Promise<string[]> {
  const names: string[] = await opts.fs.promises.readdir(join(opts.gitdir, CLIENT_CERTIFICATES_DIR)).catch(() => []);
  return names.map(String).filter((n) => n.endsWith('.json') && CLIENT_CERTIFICATE_ID.test(n.slice(0, -5))).map((n) => n.slice(0, -5)).sort();
}

/** Writes `<id>.json` readable by its owner only, atomically (temp file + rename). */
export async function _writeClientCertificate(opts: RepoOptions, stored: StoredClientCertificate): Promise<void> {
  _assertClientCertificateId(stored.clientCertificateId);
  const dir = join(opts.gitdir, CLIENT_CERTIFICATES_DIR);
  await opts.fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = fileOf(opts, stored.clientCertificateId);
  await opts.fs.promises.writeFile(`${file}.tmp`, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  await opts.fs.promises.rename(`${file}.tmp`, file);
}

export async function _deleteClientCertificate(opts: RepoOptions, id: string): Promise<void> {
  await _readClientCertificate(opts, id);
  await opts.fs.promises.unlink(fileOf(opts, id));
}
