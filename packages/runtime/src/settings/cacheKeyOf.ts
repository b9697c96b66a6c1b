import type { VtlParams } from '../vtl/createVtlInput.js';

/**
 * The stage cache key of a request: method, path and the integration's
 * `cacheKeyParameters` (`method.request.{path|querystring|header}.name=value`, header
 * names case-insensitive, a missing value empty).
 *
 * @example
 * cacheKeyOf('GET', '/pets', ['method.request.querystring.type'], { path: {}, querystring: { type: 'dog' }, header: {} });
 * // 'GET\n/pets\nmethod.request.querystring.type=dog'
 */
export function cacheKeyOf(httpMethod: string, path: string, cacheKeyParameters: string[] | undefined, params: VtlParams): string {
  let key = `${httpMethod}\n${path}`;
  for (const p of cacheKeyParameters ?? []) {
    const { from, name } = parameterOf(p);
    key += `\n${p}=${(from && params[from][name]) ?? ''}`;
  }
  return key;
}

const parsed = new Map<string, { from?: keyof VtlParams; name: string }>();
/** Where a cache key parameter reads its value (header names lower-case), parsed once per parameter. */
function parameterOf(p: string): { from?: keyof VtlParams; name: string } {
  let found = parsed.get(p);
  if (!found) {
    const m = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(p);
    found = m ? { from: m[1] as keyof VtlParams, name: m[1] === 'header' ? m[2].toLowerCase() : m[2] } : { name: '' };
    if (parsed.size >= 1000) parsed.clear();
    parsed.set(p, found);
  }
  return found;
}
