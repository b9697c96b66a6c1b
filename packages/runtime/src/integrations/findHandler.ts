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
  const arn = /\/functions\/(.+?)\/invocations$/.exec(uri)?.[1] ?? uri;
  const fn = /:function:(.+)$/.exec(arn)?.[1] ?? arn;
  const name = fn.split(':')[0];
  for (const key of [uri, arn, fn, name]) if (Object.hasOwn(handlers, key)) return { name, handler: handlers[key] };
  return { name };
}
