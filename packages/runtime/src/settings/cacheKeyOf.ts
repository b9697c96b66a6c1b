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
  const keyParams = (cacheKeyParameters ?? []).map((p) => {
    const m = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(p);
    const source = m ? params[m[1] as keyof VtlParams] : undefined;
    return `${p}=${source?.[m![1] === 'header' ? m![2].toLowerCase() : m![2]] ?? ''}`;
  });
  return [httpMethod, path, ...keyParams].join('\n');
}
