import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError, badRequest } from './errors.js';

/** Access key id -> secret access key. */
export type Credentials = ReadonlyMap<string, string>;

const MAX_SKEW_MS = 15 * 60 * 1000;

const forbidden = (type: string, message: string) => new AwsError(403, type, message);

/**
 * Parses a credentials file: a JSON object mapping access key ids to secret access keys,
 * `{"AKIDEXAMPLE": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}`.
 */
export function parseCredentials(text: string, file = 'credentials'): Credentials {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw badRequest(`${file}: not JSON (${(err as Error).message}); expected {"ACCESS_KEY_ID": "SECRET_ACCESS_KEY", ...}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest(`${file}: expected a JSON object {"ACCESS_KEY_ID": "SECRET_ACCESS_KEY", ...}`);
  const out = new Map<string, string>();
  for (const [id, secret] of Object.entries(value)) {
    if (!/^[A-Za-z0-9]{1,128}$/.test(id) || typeof secret !== 'string' || secret === '') throw badRequest(`${file}: entry '${id}' must map an access key id ([A-Za-z0-9]) to a non-empty secret string`);
    out.set(id, secret);
  }
  if (out.size === 0) throw badRequest(`${file}: no credentials in it`);
  return out;
}

interface ParsedAuthorization {
  accessKeyId: string;
  scope: string;
  scopeDate: string;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(header: string | undefined): ParsedAuthorization | null {
  const m = /^AWS4-HMAC-SHA256\s+(.*)$/.exec(header ?? '');
  if (!m) return null;
  const parts: Record<string, string> = {};
  for (const p of m[1].split(',')) {
    const i = p.indexOf('=');
    if (i > 0) parts[p.slice(0, i).trim()] = p.slice(i + 1).trim();
  }
  const cred = (parts.Credential ?? '').split('/');
  if (cred.length !== 5 || cred[4] !== 'aws4_request' || !parts.SignedHeaders || !/^[0-9a-f]{64}$/.test(parts.Signature ?? '')) return null;
  return { accessKeyId: cred[0], scope: cred.slice(1).join('/'), scopeDate: cred[1], signedHeaders: parts.SignedHeaders.split(';'), signature: parts.Signature };
}

/** The access key id a request claims (Authorization header), unverified; undefined if none. */
export function claimedAccessKeyId(headers: IncomingHttpHeaders): string | undefined {
  return parseAuthorization(headers.authorization)?.accessKeyId;
}

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
function strictEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The path as the SDKs sign it: dot segments and empty segments removed, then encoded once more. */
function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const s of rawPath.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segments.pop();
    else segments.push(s);
  }
  const normalized = `/${segments.join('/')}${segments.length && rawPath.endsWith('/') ? '/' : ''}`;
  return strictEncode(normalized).replace(/%2F/g, '/');
}

function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return '';
  const pairs = rawQuery.split('&').filter(Boolean).map((pair) => {
    const i = pair.indexOf('=');
    const [k, v] = i === -1 ? [pair, ''] : [pair.slice(0, i), pair.slice(i + 1)];
    const dec = (x: string) => {
      try {
        return decodeURIComponent(x);
      } catch {
        return x;
      }
    };
    return [strictEncode(dec(k)), strictEncode(dec(v))];
  });
  pairs.sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** "20260101T120000Z" -> epoch ms, NaN when malformed. */
function parseAmzDate(s: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}
const amzDate = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * Verifies an AWS Signature Version 4 (header form) for real: canonical request, string
 * to sign, HMAC-SHA256 key chain, constant-time comparison, 15 minutes of clock skew.
 * Returns the access key id; throws API Gateway's 403s (MissingAuthenticationToken,
 * IncompleteSignature, UnrecognizedClient, InvalidSignature).
 */
export function verifySigV4(req: { method: string; rawPath: string; rawQuery: string; headers: IncomingHttpHeaders; body: Buffer }, credentials: Credentials, now: number): string {
  const header = req.headers.authorization;
  if (!header) throw forbidden('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const auth = parseAuthorization(header);
  if (!auth) throw forbidden('IncompleteSignatureException', `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters (AWS4-HMAC-SHA256). Authorization=${header.slice(0, 40)}`);
  const secret = credentials.get(auth.accessKeyId);
  if (secret === undefined) throw forbidden('UnrecognizedClientException', 'The security token included in the request is invalid.');
  const date = String(req.headers['x-amz-date'] ?? '');
  const signedAt = parseAmzDate(date);
  if (Number.isNaN(signedAt)) throw forbidden('IncompleteSignatureException', 'Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.');
  if (signedAt < now - MAX_SKEW_MS) throw forbidden('InvalidSignatureException', `Signature expired: ${date} is now earlier than ${amzDate(now - MAX_SKEW_MS)} (${amzDate(now)} - 15 min.)`);
  if (signedAt > now + MAX_SKEW_MS) throw forbidden('InvalidSignatureException', `Signature not yet current: ${date} is still later than ${amzDate(now + MAX_SKEW_MS)} (${amzDate(now)} + 15 min.)`);
  if (auth.scopeDate !== date.slice(0, 8) || !auth.signedHeaders.includes('host')) throw forbidden('InvalidSignatureException', 'Credential should be scoped to a valid date and the host header must be signed.');
  const headers = auth.signedHeaders.map((name) => {
    const v = req.headers[name];
    return `${name}:${(Array.isArray(v) ? v.join(',') : (v ?? '')).trim().replace(/\s+/g, ' ')}\n`;
  });
  // Always the hash of the bytes received: a claimed x-amz-content-sha256 cannot stand in for them.
  const payloadHash = sha256(req.body);
  const canonicalRequest = [req.method, canonicalUri(req.rawPath), canonicalQuery(req.rawQuery), headers.join(''), auth.signedHeaders.join(';'), payloadHash].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', date, auth.scope, sha256(canonicalRequest)].join('\n');
  const [, region, service] = auth.scope.split('/');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, auth.scopeDate), region), service), 'aws4_request');
  const expected = hmac(key, stringToSign);
  if (!timingSafeEqual(expected, Buffer.from(auth.signature, 'hex'))) {
    throw forbidden('InvalidSignatureException', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');
  }
  return auth.accessKeyId;
}
