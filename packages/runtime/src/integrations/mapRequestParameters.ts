import { resolveParameter, type ParameterSources } from '../resolveParameter.js';

/** Integration request parameters by location. */
export interface MappedParameters {
  path: Record<string, string>;
  querystring: Record<string, string>;
  header: Record<string, string>;
}

/**
 * Evaluates an integration's requestParameters
 * (`integration.request.{path|querystring|header}.x` = `method.request.*`, `stageVariables.*`,
 * `context.*` or `'static'`) into values by location. Unresolvable sources are skipped.
 *
 * @example
 * mapRequestParameters({ 'integration.request.path.id': 'method.request.path.petId' }, { 'method.request.path': { petId: '7' } });
 * // { path: { id: '7' }, querystring: {}, header: {} }
 */
export function mapRequestParameters(mapping: Record<string, string> | undefined, sources: ParameterSources): MappedParameters {
  const out: MappedParameters = { path: {}, querystring: {}, header: {} };
  for (const [target, expr] of Object.entries(mapping ?? {})) {
    const m = /^integration\.request\.(path|querystring|header|multivaluequerystring)\.(.+)$/.exec(target);
    if (!m) continue;
    const value = resolveParameter(expr, sources);
    if (value === undefined) continue;
    const where = m[1] === 'multivaluequerystring' ? 'querystring' : (m[1] as keyof MappedParameters);
    out[where][m[2]] = value;
  }
  return out;
}
