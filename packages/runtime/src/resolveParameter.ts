import { JSONPath } from 'jsonpath-plus';

/** Values a parameter mapping expression can read, by source prefix. */
export interface ParameterSources {
  'method.request.path'?: Record<string, string>;
  'method.request.querystring'?: Record<string, string>;
  'method.request.multivaluequerystring'?: Record<string, string[]>;
  /** Keys lower-cased. */
  'method.request.header'?: Record<string, string>;
  /** Keys lower-cased. */
  'integration.response.header'?: Record<string, string>;
  'integration.response.body'?: string;
  stageVariables?: Record<string, string>;
  context?: Record<string, unknown>;
}

const PREFIXES = ['method.request.path', 'method.request.querystring', 'method.request.multivaluequerystring', 'method.request.header', 'integration.response.header', 'stageVariables', 'context'] as const;

/**
 * Evaluates one API Gateway parameter mapping expression: a static `'value'`,
 * `method.request.{path|querystring|header}.x`, `integration.response.header.x`,
 * `integration.response.body[.json.path]`, `stageVariables.x` or `context.x.y`.
 * Returns undefined when the source has no such value.
 *
 * @example
 * resolveParameter("method.request.path.petId", { 'method.request.path': { petId: '7' } }); // '7'
 * resolveParameter("'application/json'", {}); // 'application/json'
 */
export function resolveParameter(expression: string, sources: ParameterSources): string | undefined {
  const expr = expression.trim();
  if (expr.length >= 2 && expr.startsWith("'") && expr.endsWith("'")) return expr.slice(1, -1);
  if (expr === 'integration.response.body' || expr.startsWith('integration.response.body.')) {
    const body = sources['integration.response.body'];
    if (body === undefined) return undefined;
    if (expr === 'integration.response.body') return body;
    try {
      const value = JSONPath({ path: `$${expr.slice('integration.response.body'.length)}`, json: JSON.parse(body), wrap: false, eval: 'safe' });
      return value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
    } catch {
      return undefined;
    }
  }
  for (const prefix of PREFIXES) {
    if (!expr.startsWith(prefix + '.')) continue;
    const name = expr.slice(prefix.length + 1);
    const source = sources[prefix] as Record<string, unknown> | undefined;
    if (!source) return undefined;
    if (prefix === 'context') return stringify(name.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' && Object.hasOwn(o, k) ? (o as any)[k] : undefined), source));
    const key = prefix.endsWith('header') ? name.toLowerCase() : name;
    return Object.hasOwn(source, key) ? stringify(source[key]) : undefined;
  }
  return undefined;
}

function stringify(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.join(',') : typeof value === 'object' ? JSON.stringify(value) : String(value);
}
