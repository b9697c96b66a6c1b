import { boundedJsonPath } from './boundedJsonPath.js';
import { activeBudget, TemplateLimitError } from './TemplateBudget.js';

/** The method request's parameters as `$input.params()` shows them. */
export interface VtlParams {
  path: Record<string, string>;
  querystring: Record<string, string>;
  header: Record<string, string>;
}

const UNPARSEABLE = Symbol('unparseable');

/**
 * Builds `$input` for a mapping template over `body` (the request body for request
 * templates, the integration response body for response templates) and the method
 * request parameters. An empty body reads as `{}`; a body that is not JSON makes
 * `$input.json(x)` render `""` and `$input.path(x)` an empty string.
 *
 * @example
 * const input = createVtlInput('{"a":{"b":1}}', { path: {}, querystring: {}, header: {} });
 * input.json('$.a'); // '{"b":1}'
 */
export function createVtlInput(body: string, params: VtlParams) {
  let parsed: unknown;
  const root = (): unknown => {
    if (parsed === undefined) {
      try {
        parsed = body.trim() === '' ? {} : JSON.parse(body);
      } catch {
        parsed = UNPARSEABLE;
      }
    }
    return parsed;
  };
  const select = (path: unknown): unknown => {
    const json = root();
    if (json === UNPARSEABLE) return undefined;
    const expr = String(path ?? '$');
    if (expr === '$') return json;
    return boundedJsonPath(expr, json);
  };
  let lower: Record<string, string> | undefined;
  return {
    body: body === '' ? '{}' : body,
    json(path: unknown): string {
      const value = select(path);
      return value === undefined ? '""' : stringify(value, /\.\.|\*/.test(String(path ?? '$')));
    },
    path(path: unknown): unknown {
      const value = select(path);
      return value === undefined ? '' : value;
    },
    params(name?: unknown): unknown {
      if (name === undefined) return { path: { ...params.path }, querystring: { ...params.querystring }, header: { ...params.header } };
      const key = String(name);
      if (Object.hasOwn(params.path, key)) return params.path[key];
      if (Object.hasOwn(params.querystring, key)) return params.querystring[key];
      lower ??= Object.fromEntries(Object.entries(params.header).map(([k, v]) => [k.toLowerCase(), v]));
      return Object.hasOwn(lower, key.toLowerCase()) ? lower[key.toLowerCase()] : '';
    },
  };
}

/* A selection through `..` or `*` can repeat the same subtree many times over: count while stringifying. */
function stringify(value: unknown, repeats: boolean): string {
  const budget = activeBudget();
  if (!budget || !repeats) return budget ? budget.string(JSON.stringify(value)) : JSON.stringify(value);
  let size = 0;
  const max = budget.limits.maxOutputChars;
  const text = JSON.stringify(value, (key, v) => {
    size += key.length + (typeof v === 'string' ? v.length : 8);
    if (size > max) throw new TemplateLimitError(`$input.json output exceeded ${max} characters`);
    return v;
  });
  return budget.string(text);
}
