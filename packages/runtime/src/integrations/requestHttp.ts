import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { GatewayError } from '../GatewayError.js';
import type { IntegrationResult } from './IntegrationResult.js';

/** One HTTP exchange on a pooled keep-alive connection (undici's `request`, without WHATWG streams). */
export type HttpRequest = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: Buffer; signal: AbortSignal; insecureSkipVerification?: boolean },
) => Promise<{ statusCode: number; headers: Record<string, string | string[] | undefined>; body: Readable }>;

/* The body is decoded here, so the framing and coding headers must not be relayed. */
const DROP_RESPONSE = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'upgrade', 'proxy-connection']);

function decoder(coding: string): NodeJS.ReadWriteStream | undefined {
  if (coding === 'gzip' || coding === 'x-gzip') return createGunzip();
  if (coding === 'deflate') return createInflate();
  if (coding === 'br') return createBrotliDecompress();
  return undefined;
}

/**
 * Sends the integration request through `request` (a pooled keep-alive client, see
 * createTlsFetch) and reads the whole answer as `invokeHttp` does with fetch: content-coding
 * decoded (gzip, deflate, br), the decoded size capped at `maxBytes` while it streams (a
 * compression bomb never inflates past the cap), `signal` (the integration timeout) aborting
 * the exchange, duplicate headers joined with ", " and Set-Cookie kept as a list.
 *
 * @example
 * const r = await requestHttp({ request, url: 'http://127.0.0.1:8080/pets', method: 'GET', headers: {}, signal: AbortSignal.timeout(29000), maxBytes: 10 * 2 ** 20 });
 * r.statusCode; // 200
 */
export async function requestHttp(o: {
  request: HttpRequest; url: string; method: string; headers: Record<string, string>; body?: Buffer; signal: AbortSignal; insecureSkipVerification?: boolean; maxBytes: number;
}): Promise<IntegrationResult> {
  const res = await o.request(o.url, { method: o.method, headers: o.headers, body: o.body, signal: o.signal, ...(o.insecureSkipVerification ? { insecureSkipVerification: true } : {}) });
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(res.headers)) {
    if (value === undefined || DROP_RESPONSE.has(key)) continue;
    out[key] = key === 'set-cookie' ? (Array.isArray(value) ? value : [value]) : Array.isArray(value) ? value.join(', ') : value;
  }
  const codings = String(res.headers['content-encoding'] ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c !== '' && c !== 'identity');
  const decoders = codings.reverse().map(decoder);
  // An unknown coding is relayed undecoded, as fetch does.
  const body = codings.length && decoders.every(Boolean) ? (pipeline([res.body, ...(decoders as NodeJS.ReadWriteStream[])], () => undefined) as unknown as Readable) : res.body;
  return { statusCode: res.statusCode, headers: out, body: await readCapped(body, res.body, o.maxBytes) };
}

async function readCapped(body: Readable, source: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      source.destroy();
      const why = `integration response exceeded ${maxBytes} bytes after decoding`;
      throw Object.assign(new GatewayError('INTEGRATION_FAILURE', 502, 'Internal server error'), { cause: new Error(why), detail: `Execution failed: ${why}` });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
