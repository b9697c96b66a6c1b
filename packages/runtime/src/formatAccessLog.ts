/**
 * Formats an access log line from a stage's accessLogSettings.format: every
 * `$context.a.b` is replaced by that `$context` value, "-" when absent.
 *
 * @example
 * formatAccessLog('$context.requestId $context.status', { requestId: 'r1', status: 200 }); // 'r1 200'
 */
export function formatAccessLog(format: string, context: Record<string, unknown>): string {
  return format.replace(/\$context\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)/g, (_, path: string) => {
    let value: unknown = context;
    for (const key of path.split('.')) value = value && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    return value === undefined || value === null || value === '' ? '-' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}
