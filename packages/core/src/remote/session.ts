import type { HttpClient } from 'isomorphic-git';
import type { RemoteAuthCallback, RemoteProgress } from './types.js';
import { redactUrl } from './redactUrl.js';
import { RemoteUnreachableError } from './errors/RemoteUnreachableError.js';
import { AuthenticationError } from './errors/AuthenticationError.js';
import { TransferInterruptedError } from './errors/TransferInterruptedError.js';
import { NotAGitwayRemoteError } from './errors/NotAGitwayRemoteError.js';
import { RemoteTimeoutError } from './errors/RemoteTimeoutError.js';
import { TooLargeError } from '../errors/TooLargeError.js';
import { assertRemoteUrl } from './remoteUrl.js';

/** Default idle timeout of a remote exchange: 10 minutes without a byte (native git has none by default). */
export const DEFAULT_REMOTE_TIMEOUT_MS = 600_000;
/** Default limit of a received pack (and of any one response): 2 GiB. */
export const DEFAULT_MAX_PACK_BYTES = 2 * 1024 ** 3;
/** Responses that are held in memory (ref advertisement, push report) stop here. */
const MAX_BUFFERED_BYTES = 128 * 1024 ** 2;

/** A conversation with one remote: its URL (credentials split off), the auth state and the limits. */
export interface Session {
  /** Base URL without credentials, no trailing slash. */
  url: string;
  /** Loaded lazily (isomorphic-git's node client) when not injected. */
  http?: HttpClient;
  authorization?: string;
  onAuth?: RemoteAuthCallback;
  onProgress?: (e: RemoteProgress) => void;
  askedForAuth: boolean;
  /** Idle timeout (ms without receiving a byte). */
  timeoutMs: number;
  /** Most bytes one response may have. */
  maxBytes: number;
}

const basic = (username = '', password = ''): string => 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');

type SessionOptions = { http?: HttpClient; onAuth?: RemoteAuthCallback; onProgress?: (e: RemoteProgress) => void; timeoutMs?: number; maxPackBytes?: number };

/**
 * Splits `user:pass@` off `rawUrl` into a basic-auth header (sent up front, like git).
 * A URL with control characters (which `new URL` would silently drop) is refused.
 */
export function createSession(rawUrl: string, opts: SessionOptions): Session {
  assertRemoteUrl(rawUrl);
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
  const positive = (n: number | undefined, d: number): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : d);
  return {
    url,
    http: opts.http,
    authorization,
    onAuth: opts.onAuth,
    onProgress: opts.onProgress,
    askedForAuth: false,
    timeoutMs: positive(opts.timeoutMs, DEFAULT_REMOTE_TIMEOUT_MS),
    maxBytes: positive(opts.maxPackBytes, DEFAULT_MAX_PACK_BYTES),
  };
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNABORTED']);

/** A response whose body is read as it arrives, each wait bounded by the idle timeout. */
export interface StreamedResponse {
  status: number;
  headers: Record<string, string>;
  body: AsyncIterable<Buffer>;
}

function timeoutError(s: Session, what: string): RemoteTimeoutError {
  return new RemoteTimeoutError(`remote ${s.url} sent nothing for ${s.timeoutMs / 1000} s while ${what}; gave up, nothing was changed`, {
    url: s.url,
    timeoutMs: s.timeoutMs,
    phase: what,
  });
}

/** Resolves like `p`, or rejects with `onTimeout()` after `ms` (the timer never outlives `p`). */
async function within<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** A request body: bytes (sent with a content-length), or a stream made afresh for each attempt (sent chunked). */
export type RequestBody = Buffer | (() => AsyncIterable<Buffer>);

async function open(s: Session, method: string, path: string, headers: Record<string, string>, body?: RequestBody, phase?: string): Promise<StreamedResponse> {
  const h: Record<string, string> = { 'user-agent': 'git/gitway', ...headers };
  if (s.authorization) h.authorization = s.authorization;
  if (Buffer.isBuffer(body)) h['content-length'] = String(body.length);
  const what = `${phase ? phase.toLowerCase() : 'waiting for an answer'} (${method} ${path.replace(/\?.*$/, '')})`;
  const abort = new AbortController();
  let res;
  try {
    s.http ??= (await import('./nodeHttpClient.js')).nodeHttpClient;
    const sent = s.http.request({
      url: s.url + path,
      method,
      headers: h,
      body: (body === undefined ? undefined : Buffer.isBuffer(body) ? [new Uint8Array(body)] : body()) as unknown as AsyncIterableIterator<Uint8Array> | undefined,
      signal: abort.signal,
    });
    res = await within(sent, s.timeoutMs, () => timeoutError(s, what));
  } catch (err) {
    abort.abort();
    if (err instanceof RemoteTimeoutError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (UNREACHABLE.has(code)) throw new RemoteUnreachableError(`cannot reach remote ${s.url}: ${code}`, { url: s.url, cause: code });
    throw new TransferInterruptedError(`connection to ${s.url} failed: ${code || 'closed'}; nothing was changed`, { url: s.url, cause: code });
  }
  const source = res.body as AsyncIterable<Uint8Array> | undefined;
  async function* read(): AsyncGenerator<Buffer> {
    if (!source) return;
    const it = source[Symbol.asyncIterator]();
    let loaded = 0;
    let finished = false;
    try {
      for (;;) {
        let step: IteratorResult<Uint8Array>;
        try {
          step = await within(it.next(), s.timeoutMs, () => timeoutError(s, what));
        } catch (err) {
          if (err instanceof RemoteTimeoutError) throw err;
          const code = (err as { code?: string }).code ?? 'closed';
          throw new TransferInterruptedError(`the connection to ${s.url} closed during the transfer (${code}); nothing was changed`, { url: s.url, cause: code });
        }
        if (step.done) {
          finished = true;
          return;
        }
        loaded += step.value.byteLength;
        if (loaded > s.maxBytes) {
          throw new TooLargeError(`remote ${s.url} sent more than ${s.maxBytes} bytes (${method} ${path.replace(/\?.*$/, '')}); gave up, nothing was changed (raise the limit with maxPackBytes)`, {
            url: s.url,
            limit: s.maxBytes,
          });
        }
        if (phase) s.onProgress?.({ phase, loaded });
        yield Buffer.from(step.value);
      }
    } finally {
      if (!finished) {
        abort.abort();
        void Promise.resolve(it.return?.()).catch(() => undefined);
      }
    }
  }
  return { status: res.statusCode, headers: (res.headers ?? {}) as Record<string, string>, body: read() };
}

async function collect(s: Session, body: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) throw new TooLargeError(`remote ${s.url} sent a response over ${limit} bytes; gave up, nothing was changed`, { url: s.url, limit });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * One HTTP exchange whose body is read as it arrives (a pack streamed to disk), bounded
 * by the session's byte limit and idle timeout. Sends once more with credentials from
 * `onAuth` after a 401; maps 401/403/5xx to typed errors.
 */
export async function requestStream(s: Session, method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: RequestBody, phase?: string): Promise<StreamedResponse> {
  let res = await open(s, method, path, headers, body, phase);
  if (res.status === 401 && s.onAuth && !s.askedForAuth) {
    s.askedForAuth = true;
    const auth = await s.onAuth(s.url);
    if (auth && !auth.cancel && (auth.username || auth.password)) {
      await collect(s, res.body, MAX_BUFFERED_BYTES).catch(() => undefined);
      s.authorization = basic(auth.username, auth.password);
      res = await open(s, method, path, headers, body, phase);
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

/**
 * One HTTP exchange with the remote, body collected (at most 128 MiB, or the session's
 * limit if lower). A 401 asks `onAuth` once and retries; a refused connection, a refused
 * login, a cut stream and a silent server become typed errors whose messages name the
 * URL without credentials.
 */
export async function request(
  s: Session,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string> = {},
  body?: RequestBody,
  phase?: string,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const res = await requestStream(s, method, path, headers, body, phase);
  return { ...res, body: await collect(s, res.body, Math.min(MAX_BUFFERED_BYTES, s.maxBytes)) };
}
