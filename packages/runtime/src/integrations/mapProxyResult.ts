import { GatewayError } from '../GatewayError.js';
import type { GatewayResponse, ResponseHeaders } from '../types.js';

/**
 * Maps a Lambda proxy result (statusCode, headers, multiValueHeaders, body,
 * isBase64Encoded) to the HTTP response. A malformed result is a 502, as in API Gateway.
 *
 * @example
 * mapProxyResult({ statusCode: 201, headers: { 'x-id': '1' }, body: 'ok' });
 * // { statusCode: 201, headers: { 'x-id': '1' }, body: 'ok' }
 */
export function mapProxyResult(result: unknown): GatewayResponse {
  if (!result || typeof result !== 'object') throw malformed();
  const r = result as Record<string, unknown>;
  const statusCode = r.statusCode === undefined ? 200 : Number(r.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) throw malformed();
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') throw malformed();
  const headers: ResponseHeaders = {};
  for (const [k, v] of Object.entries((r.multiValueHeaders as Record<string, unknown[]>) ?? {})) {
    if (Array.isArray(v)) headers[k.toLowerCase()] = v.map(String);
  }
  for (const [k, v] of Object.entries((r.headers as Record<string, unknown>) ?? {})) {
    const key = k.toLowerCase();
    const prior = headers[key];
    headers[key] = prior === undefined ? String(v) : [...(Array.isArray(prior) ? prior : [prior]), String(v)];
  }
  const text = (r.body as string | undefined) ?? '';
  const body = r.isBase64Encoded === true ? Buffer.from(text, 'base64') : text;
  headers['content-type'] ??= 'application/json';
  return { statusCode, headers, body };
}

function malformed(): GatewayError {
  return Object.assign(new GatewayError('DEFAULT_5XX', 502, 'Internal server error'), { detail: 'Execution failed due to configuration error: Malformed Lambda proxy response' });
}
