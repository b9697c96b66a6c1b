import type { HttpClient } from 'isomorphic-git';
import type { RemoteAuthCallback, RemoteProgress } from './types.js';
import { redactUrl } from './redactUrl.js';
import { RemoteUnreachableError } from './errors/RemoteUnreachableError.js';
import { AuthenticationError } from './errors/AuthenticationError.js';
import { TransferInterruptedError } from './errors/TransferInterruptedError.js';
import { NotAGitwayRemoteError } from './errors/NotAGitwayRemoteError.js';

/** A conversation with one remote: its URL (credentials split off) and the auth state. */
export interface Session {
  /** Base URL without credentials, no trailing slash. */
  url: string;
  /** Loaded lazily (isomorphic-git's node client) when not injected. */
  http?: HttpClient;
  authorization?: string;
  onAuth?: RemoteAuthCallback;
  onProgress?: (e: RemoteProgress) => void;
  askedForAuth: boolean;
}

const basic = (username = '', password = ''): string => 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');

/** Splits `user:pass@` off `rawUrl` into a basic-auth header (sent up front, like git). */
export function createSession(rawUrl: string, opts: { http?: HttpClient; onAuth?: RemoteAuthCallback; onProgress?: (e: RemoteProgress) => void }): Session {
  let url = rawUrl.replace(/\/+$/, '');
  let authorization: string | undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
    if (u.username || u.password) {
      authorization = basic(decodeURIComponent(u.username), decodeURIComponent(u.password));
      url = redactUrl(url).replace(/\/+$/, '');
    }
  } catch {
    throw new NotAGitwayRemoteError(`not a gitway repository: '${redactUrl(rawUrl)}' is not an http(s) URL`, { url: redactUrl(rawUrl), reason: 'url' });
  }
  return { url, http: opts.http, authorization, onAuth: opts.onAuth, onProgress: opts.onProgress, askedForAuth: false };
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNABORTED']);

async function send(s: Session, method: string, path: string, headers: Record<string, string>, body?: Buffer, phase?: string) {
  const h: Record<string, string> = { 'user-agent': 'git/gitway', ...headers };
  if (s.authorization) h.authorization = s.authorization;
  if (body) h['content-length'] = String(body.length);
  let res;
  try {
    s.http ??= (await import('isomorphic-git/http/node')).default;
    res = await s.http.request({ url: s.url + path, method, headers: h, body: body ? ([new Uint8Array(body)] as unknown as AsyncIterableIterator<Uint8Array>) : undefined });
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (UNREACHABLE.has(code)) throw new RemoteUnreachableError(`cannot reach remote ${s.url}: ${code}`, { url: s.url, cause: code });
    throw new TransferInterruptedError(`connection to ${s.url} failed: ${code || 'closed'}; nothing was changed`, { url: s.url, cause: code });
  }
  const chunks: Buffer[] = [];
  let loaded = 0;
  try {
    if (res.body) {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        chunks.push(Buffer.from(chunk));
        loaded += chunk.byteLength;
        if (phase) s.onProgress?.({ phase, loaded });
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'closed';
    throw new TransferInterruptedError(`the connection to ${s.url} closed during the transfer (${code}); nothing was changed`, { url: s.url, cause: code });
  }
  return { status: res.statusCode, headers: res.headers ?? {}, body: Buffer.concat(chunks) };
}

/**
 * One HTTP exchange with the remote, body collected. A 401 asks `onAuth` once and
 * retries; a refused connection, a refused login and a cut stream become typed errors
 * whose messages name the URL without credentials.
 */
export async function request(
  s: Session,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer,
  phase?: string,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  let res = await send(s, method, path, headers, body, phase);
  if (res.status === 401 && s.onAuth && !s.askedForAuth) {
    s.askedForAuth = true;
    const auth = await s.onAuth(s.url);
    if (auth && !auth.cancel && (auth.username || auth.password)) {
      s.authorization = basic(auth.username, auth.password);
      res = await send(s, method, path, headers, body, phase);
    }
  }
  if (res.status === 401) {
    const hint = s.authorization ? 'authentication failed' : 'authentication required (set GITWAY_TOKEN, or GITWAY_USERNAME and GITWAY_PASSWORD)';
    throw new AuthenticationError(`${hint} for ${s.url}`, { url: s.url, status: 401 });
  }
  if (res.status === 403) throw new AuthenticationError(`access denied to ${s.url} (HTTP 403)`, { url: s.url, status: 403 });
  if (res.status >= 500) throw new RemoteUnreachableError(`remote ${s.url} failed with HTTP ${res.status}`, { url: s.url, status: res.status });
  return res;
}
