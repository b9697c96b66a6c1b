import { GatewayError } from '../GatewayError.js';
import type { FetchLike } from '../types.js';
import type { TlsRequestInit } from './createTlsFetch.js';
import type { IntegrationResult } from './IntegrationResult.js';

/* fetch decodes content-encoding and owns framing, so those headers must not be relayed. */
const DROP_RESPONSE = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'upgrade', 'proxy-connection']);
const DROP_REQUEST = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'expect', 'proxy-connection', 'te', 'trailer']);

/**
 * Sends the integration request to an HTTP backend with `fetch`, reading the whole
 * response within `timeoutMs`. A timeout throws INTEGRATION_TIMEOUT (504); a refused or
 * broken connection throws a 502 "Internal server error". Redirects are returned, not followed.
 *
 * @example
 * const result = await invokeHttp({ url: 'http://127.0.0.1:8080/pets', method: 'GET', headers: {}, timeoutMs: 29000, fetch });
 * result.statusCode; // 200
 */
export async function invokeHttp(o: {
  url: string; method: string; headers: Record<string, string>; body?: Buffer; timeoutMs: number; fetch: FetchLike; insecureSkipVerification?: boolean;
}): Promise<IntegrationResult> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.headers)) if (!DROP_REQUEST.has(k.toLowerCase())) headers[k] = v;
  const signal = AbortSignal.timeout(o.timeoutMs);
  const hasBody = o.body !== undefined && o.body.length > 0 && o.method !== 'GET' && o.method !== 'HEAD';
  try {
    const init: TlsRequestInit = { method: o.method, headers, body: hasBody ? o.body : undefined, signal, redirect: 'manual' };
    if (o.insecureSkipVerification) init.insecureSkipVerification = true;
    const res = await o.fetch(o.url, init);
    const body = Buffer.from(await res.arrayBuffer());
    const out: Record<string, string | string[]> = {};
    res.headers.forEach((value, key) => {
      if (!DROP_RESPONSE.has(key) && key !== 'set-cookie') out[key] = value;
    });
    const cookies = res.headers.getSetCookie?.() ?? [];
    if (cookies.length) out['set-cookie'] = cookies;
    return { statusCode: res.status, headers: out, body };
  } catch (error) {
    if (signal.aborted) throw new GatewayError('INTEGRATION_TIMEOUT');
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
    const why = [cause?.code, cause?.message].filter(Boolean).join(' ') || ((error as Error)?.message ?? String(error));
    throw Object.assign(new GatewayError('INTEGRATION_FAILURE', 502, 'Internal server error'), {
      detail: `Execution failed due to a network error communicating with endpoint ${o.url}: ${why}`,
    });
  }
}
