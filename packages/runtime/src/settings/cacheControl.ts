import type { MethodSetting } from '@gitway/core';
import type { GatewayResponse } from '../types.js';

/** The Warning header API Gateway adds when it ignores an unauthorized client's Cache-Control. */
export const CACHE_CONTROL_IGNORED = '199 Cache-control headers were ignored because the caller was unauthorized.';

/**
 * What a request's `Cache-Control: max-age=0` (per-key cache invalidation) does on a cached
 * method: `read` (no such header: a cached answer may serve), `refresh` (fetch from the
 * integration and replace the entry), `ignore` (header ignored: read, add no header),
 * `warn` (ignored, with the Warning header) or `deny` (403). The header is honoured
 * when `requireAuthorizationForCacheControl` is false, or when the caller is authorized —
 * locally, a SigV4-signed request (Authorization "AWS4-HMAC-SHA256 ...", not verified, as
 * AWS_IAM methods are not) standing in for the execute-api:InvalidateCache permission.
 * Otherwise `unauthorizedCacheControlHeaderStrategy` decides (default
 * SUCCEED_WITH_RESPONSE_HEADER, as API Gateway).
 *
 * @example
 * cacheControl({ 'cache-control': 'max-age=0' }, { requireAuthorizationForCacheControl: false }); // 'refresh'
 */
export function cacheControl(headers: Record<string, string>, setting: MethodSetting): 'read' | 'refresh' | 'ignore' | 'warn' | 'deny' {
  const header = headers['cache-control'];
  const asked = header !== undefined && header.split(',').some((d) => /^\s*max-age\s*=\s*0\s*$/i.test(d));
  if (!asked) return 'read';
  const authorized = /^AWS4-HMAC-SHA256\s/.test(headers.authorization ?? '');
  if (setting.requireAuthorizationForCacheControl === false || authorized) return 'refresh';
  switch (setting.unauthorizedCacheControlHeaderStrategy) {
    case 'FAIL_WITH_403':
      return 'deny';
    case 'SUCCEED_WITHOUT_RESPONSE_HEADER':
      return 'ignore';
    default:
      return 'warn';
  }
}

/** The response with API Gateway's Warning that the client's Cache-Control was ignored. */
export function withCacheControlWarning(response: GatewayResponse): GatewayResponse {
  return { ...response, headers: { ...response.headers, warning: CACHE_CONTROL_IGNORED } };
}
