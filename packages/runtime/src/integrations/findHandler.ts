import type { LambdaHandler } from '../types.js';

/**
 * Finds the local handler for a Lambda integration URI
 * (`arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations`
 * or a bare function ARN/name): by the whole URI, the function ARN, `name:alias`, then `name`.
 *
 * @example
 * findHandler({ getPet }, 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123:function:getPet/invocations');
 * // getPet
 */
export function findHandler(handlers: Record<string, LambdaHandler>, uri: string): { name: string; handler?: LambdaHandler } {
  const keys = keysOf(uri);
  const name = keys[3];
  for (const key of keys) if (Object.hasOwn(handlers, key)) return { name, handler: handlers[key] };
  return { name };
}

const parsed = new Map<string, string[]>();
/** The names a URI's handler may go by, in order: the URI, the function ARN, `name:alias`, `name` (parsed once per URI). */
function keysOf(uri: string): string[] {
  let keys = parsed.get(uri);
  if (!keys) {
    const arn = /\/functions\/(.+?)\/invocations$/.exec(uri)?.[1] ?? uri;
    const fn = /:function:(.+)$/.exec(arn)?.[1] ?? arn;
    keys = [uri, arn, fn, fn.split(':')[0]];
    if (parsed.size >= 1000) parsed.clear();
    parsed.set(uri, keys);
  }
  return keys;
}
