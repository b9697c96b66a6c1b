/**
 * Compares one answer recorded on real AWS (a LocalStack snapshot entry) with gitway's,
 * by the snapshot's placeholder rules:
 * - `ResponseMetadata` is transport detail and is not compared;
 * - `"datetime"` matches any ISO 8601 date;
 * - `<name:N>` (`<deployment-id:1>`, `<id:2>`) is an id: the first occurrence binds it to
 *   the actual value, later occurrences must equal it, and two different placeholders of
 *   one scenario must not bind the same value (`bindings` is shared by the scenario);
 * - a recorded error `{Error: {Code, Message}, message}` matches an actual error
 *   `{error: {type, message}}` with the same type and message;
 * - everything else: same keys (a missing or an extra key is a difference) and equal values
 *   (numbers by value: the recorded `50.0` is `50`).
 * Returns the differences as `path: expected ..., got ...` lines (empty = matched).
 */
export function compareRecorded(recorded: unknown, actual: unknown, bindings: Map<string, unknown> = new Map()): string[] {
  const out: string[] = [];
  const rec = recorded as Record<string, unknown>;
  if (isObject(rec) && isObject(rec.Error)) {
    const err = (actual as { error?: { type: string; message: string } })?.error;
    if (!err) return [`$: expected the error ${JSON.stringify(rec.Error)}, got an answer ${JSON.stringify(actual)}`];
    const e = rec.Error as { Code: string; Message: string };
    if (e.Code !== err.type) out.push(`$.Error.Code: expected ${e.Code}, got ${err.type}`);
    if (e.Message !== err.message) out.push(`$.Error.Message: expected ${JSON.stringify(e.Message)}, got ${JSON.stringify(err.message)}`);
    return out;
  }
  if (isObject(actual) && isObject((actual as Record<string, unknown>).error)) {
    const err = (actual as { error: { type: string; message: string } }).error;
    return [`$: expected an answer, got the error ${err.type}: ${err.message}`];
  }
  walk(stripMetadata(recorded), actual, '$', bindings, out);
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stripMetadata(v: unknown): unknown {
  if (!isObject(v)) return v;
  const { ResponseMetadata: _ignored, ...rest } = v;
  return rest;
}

const PLACEHOLDER = /^<[a-z-]+:\d+>$/;
const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

function walk(expected: unknown, actual: unknown, path: string, bindings: Map<string, unknown>, out: string[]): void {
  if (typeof expected === 'string' && PLACEHOLDER.test(expected)) {
    if (bindings.has(expected)) {
      if (bindings.get(expected) !== actual) out.push(`${path}: expected ${expected} (= ${String(bindings.get(expected))}), got ${JSON.stringify(actual)}`);
      return;
    }
    const kind = expected.slice(0, expected.indexOf(':'));
    for (const [name, value] of bindings) {
      if (name.startsWith(kind + ':') && value === actual) {
        out.push(`${path}: expected ${expected}, a value other than ${name}, got ${name}'s ${JSON.stringify(actual)}`);
        return;
      }
    }
    bindings.set(expected, actual);
    return;
  }
  if (expected === 'datetime') {
    if (!(typeof actual === 'string' && ISO_DATE.test(actual)) && !(actual instanceof Date)) out.push(`${path}: expected a datetime, got ${JSON.stringify(actual)}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      out.push(`${path}: expected a list of ${expected.length}, got ${JSON.stringify(actual)}`);
      return;
    }
    expected.forEach((e, i) => walk(e, actual[i], `${path}[${i}]`, bindings, out));
    return;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) {
      out.push(`${path}: expected an object, got ${JSON.stringify(actual)}`);
      return;
    }
    for (const key of Object.keys(expected)) {
      if (!(key in actual)) out.push(`${path}.${key}: missing (expected ${JSON.stringify(expected[key])})`);
      else walk(expected[key], actual[key], `${path}.${key}`, bindings, out);
    }
    for (const key of Object.keys(actual)) {
      if (!(key in expected) && actual[key] !== undefined) out.push(`${path}.${key}: not in the recorded answer (got ${JSON.stringify(actual[key])})`);
    }
    return;
  }
  if (expected !== actual) out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
