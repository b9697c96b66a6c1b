import { JSONPath } from 'jsonpath-plus';

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
    return JSONPath({ path: expr, json: json as object, wrap: false, eval: 'safe' });
  };
  let lower: Record<string, string> | undefined;
  return {
    body: body === '' ? '{}' : body,
    json(path: unknown): string {
      const value = select(path);
      return value === undefined ? '""' : JSON.stringify(value);
    },
    path(path: unknown): unknown {
      const value = select(path);
      return value === undefined ? '' : value;
    },
    params(name?: unknown): unknown {
      if (name === undefined) return params;
      const key = String(name);
      if (Object.hasOwn(params.path, key)) return params.path[key];
      if (Object.hasOwn(params.querystring, key)) return params.querystring[key];
      lower ??= Object.fromEntries(Object.entries(params.header).map(([k, v]) => [k.toLowerCase(), v]));
      return Object.hasOwn(lower, key.toLowerCase()) ? lower[key.toLowerCase()] : '';
    },
  };
}
