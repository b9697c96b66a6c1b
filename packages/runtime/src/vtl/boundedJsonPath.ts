import { JSONPath } from 'jsonpath-plus';
import { activeBudget, TemplateLimitError } from './TemplateBudget.js';

/* Inside a filter `?(...)` or script `(...)`: a regex literal or any call (`@.name.match(...)`) could backtrack without bound. */
const SCRIPT = /\(([^]*)\)/;
const UNSAFE_IN_SCRIPT = /\/|[\w$\]]\s*\(/;

/**
 * Evaluates a JSONPath expression (jsonpath-plus, safe eval) under the active template
 * budget: every visited node ticks the budget's clock, so `$..a` over a 10 MB body stops
 * at the time budget instead of holding the event loop, and the result's size is charged
 * to the render's allocation. Filters may compare (`?(@.price > 10)`) but not call
 * methods or use regex literals, which no budget can interrupt.
 *
 * @example
 * boundedJsonPath('$.a.b', { a: { b: 1 } }); // 1
 */
export function boundedJsonPath(path: string, json: unknown): unknown {
  const script = SCRIPT.exec(path);
  if (script && UNSAFE_IN_SCRIPT.test(script[1])) throw new TemplateLimitError(`JSONPath '${path}': method calls and regular expressions are not allowed in filters`);
  const budget = activeBudget();
  if (!budget) return JSONPath({ path, json: json as object, wrap: false, eval: 'safe' });
  const evaluator = new (JSONPath as any)({ autostart: false, path, json: json as object, wrap: false, eval: 'safe' } as never) as unknown as {
    _trace: (...args: unknown[]) => unknown;
    evaluate: (path: string, json: unknown) => unknown;
  };
  const trace = evaluator._trace;
  evaluator._trace = function (this: unknown, ...args: unknown[]) {
    budget.tick();
    return trace.apply(this, args);
  };
  const result = evaluator.evaluate(path, json);
  if (Array.isArray(result)) budget.built(result);
  return result;
}
