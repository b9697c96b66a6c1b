/**
 * Each query parameter's last value, as `$input.params()` and `method.request.querystring.x`
 * see them; a `__proto__` parameter is an own value, as Object.fromEntries makes it.
 *
 * @example
 * lastValues({ a: ['1', '2'] }); // { a: '2' }
 */
export function lastValues(multiQuery: Record<string, string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in multiQuery) {
    if (!Object.hasOwn(multiQuery, k)) continue;
    const value = multiQuery[k][multiQuery[k].length - 1];
    // An own '__proto__' key, as Object.fromEntries makes it (an assignment would set the prototype).
    if (k === '__proto__') Object.defineProperty(out, k, { value, writable: true, enumerable: true, configurable: true });
    else out[k] = value;
  }
  return out;
}
