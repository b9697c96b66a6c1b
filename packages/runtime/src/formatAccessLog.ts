const REFERENCE = /\$context\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)/g;

/**
 * Formats an access log line from a stage's accessLogSettings.format: every
 * `$context.a.b` is replaced by that `$context` value, "-" when absent.
 *
 * @example
 * formatAccessLog('$context.requestId $context.status', { requestId: 'r1', status: 200 }); // 'r1 200'
 */
export function formatAccessLog(format: string, context: Record<string, unknown>): string {
  return compileAccessLog(format)(context);
}

/**
 * An access log format compiled once (its text split into literal parts and `$context`
 * paths), for a stage that writes one line per request: the same lines as formatAccessLog.
 *
 * @example
 * const line = compileAccessLog('$context.requestId $context.status');
 * line({ requestId: 'r1', status: 200 }); // 'r1 200'
 */
export function compileAccessLog(format: string): (context: Record<string, unknown>) => string {
  const literals: string[] = [];
  const paths: string[][] = [];
  let at = 0;
  for (const m of format.matchAll(REFERENCE)) {
    literals.push(format.slice(at, m.index));
    paths.push(m[1].split('.'));
    at = m.index + m[0].length;
  }
  literals.push(format.slice(at));
  return (context) => {
    let out = literals[0];
    for (let i = 0; i < paths.length; i++) out += valueText(context, paths[i]) + literals[i + 1];
    return out;
  };
}

function valueText(context: Record<string, unknown>, path: string[]): string {
  let value: unknown = context;
  for (const key of path) value = value && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  return value === undefined || value === null || value === '' ? '-' : typeof value === 'object' ? JSON.stringify(value) : String(value);
}
