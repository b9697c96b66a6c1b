import { GatewayError } from '../GatewayError.js';
import type { FetchLike } from '../types.js';
import type { TlsRequestInit } from './createTlsFetch.js';
import type { IntegrationResult } from './IntegrationResult.js';
import { requestHttp, type HttpRequest } from './requestHttp.js';

/** API Gateway's integration response limit, counted after decoding. */
export const MAX_INTEGRATION_RESPONSE_BYTES = 10 * 1024 * 1024;

/* fetch decodes content-encoding and owns framing, so those headers must not be relayed. */
const DROP_RESPONSE = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'upgrade', 'proxy-connection']);
const DROP_REQUEST = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'expect', 'proxy-connection', 'te', 'trailer']);

/**
 * Sends the integration request to an HTTP backend with `fetch`, reading the whole
 * response within `timeoutMs`. A timeout throws INTEGRATION_TIMEOUT (504); a refused or
 * broken connection throws a 502 "Internal server error". Redirects are returned, not followed.
 * The body is counted as it streams, after content-encoding is decoded: past `maxBytes`
 * (API Gateway's 10 MB) the download stops and the answer is a 502, so a gzip bomb never
 * inflates beyond the cap.
 *
 * @example
 * const result = await invokeHttp({ url: 'http://127.0.0.1:8080/pets', method: 'GET', headers: {}, timeoutMs: 29000, fetch });
 * result.statusCode; // 200
 */
export async function invokeHttp(o: {
  url: string; method: string; headers: Record<string, string>; body?: Buffer; timeoutMs: number; fetch: FetchLike; insecureSkipVerification?: boolean; maxBytes?: number;
}): Promise<IntegrationResult> {
  const maxBytes = o.maxBytes ?? MAX_INTEGRATION_RESPONSE_BYTES;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.headers)) if (!DROP_REQUEST.has(k.toLowerCase())) headers[k] = v;
  const signal = AbortSignal.timeout(o.timeoutMs);
  const hasBody = o.body !== undefined && o.body.length > 0 && o.method !== 'GET' && o.method !== 'HEAD';
  try {
    // The default client (createTlsFetch) also offers a pooled keep-alive `request`: no WHATWG streams per call.
    const request = (o.fetch as { request?: HttpRequest }).request;
    if (request) return await requestHttp({ request, url: o.url, method: o.method, headers, body: hasBody ? o.body : undefined, signal, insecureSkipVerification: o.insecureSkipVerification, maxBytes });
    const init: TlsRequestInit = { method: o.method, headers, body: hasBody ? o.body : undefined, signal, redirect: 'manual' };
    if (o.insecureSkipVerification) init.insecureSkipVerification = true;
    const res = await o.fetch(o.url, init);
    const body = await readCapped(res, maxBytes);
    const out: Record<string, string | string[]> = {};
    res.headers.forEach((value, key) => {
      if (!DROP_RESPONSE.has(key) && key !== 'set-cookie') out[key] = value;
    });
    const cookies = res.headers.getSetCookie?.() ?? [];
    if (cookies.length) out['set-cookie'] = cookies;
    return { statusCode: res.status, headers: out, body };
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    if (signal.aborted) throw new GatewayError('INTEGRATION_TIMEOUT');
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause ?? (error as { code?: string; message?: string });
    const why = [cause?.code, cause?.message].filter(Boolean).join(' ') || ((error as Error)?.message ?? String(error));
    throw Object.assign(new GatewayError('INTEGRATION_FAILURE', 502, 'Internal server error'), {
      detail: `Execution failed due to a network error communicating with endpoint ${o.url}: ${why}`,
    });
  }
}

async function readCapped(res: Response, maxBytes: number): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      const error = new GatewayError('INTEGRATION_FAILURE', 502, 'Internal server error');
      const why = `integration response exceeded ${maxBytes} bytes after decoding`;
      throw Object.assign(error, { cause: new Error(why), detail: `Execution failed: ${why}` });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
