import { GatewayError } from '../GatewayError.js';
import type { LambdaHandler } from '../types.js';

/**
 * Calls a local Lambda handler with a Lambda-like context, racing it against the
 * integration timeout (INTEGRATION_TIMEOUT, 504). Handler errors propagate.
 *
 * @example
 * await callHandler(handler, event, { functionName: 'getPet', requestId: 'r1', timeoutMs: 29000, now: Date.now });
 */
export async function callHandler(handler: LambdaHandler, event: unknown, o: { functionName: string; requestId: string; timeoutMs: number; now: () => number }): Promise<unknown> {
  const deadline = o.now() + o.timeoutMs;
  const context = {
    functionName: o.functionName,
    functionVersion: '$LATEST',
    awsRequestId: o.requestId,
    getRemainingTimeInMillis: () => Math.max(0, deadline - o.now()),
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GatewayError('INTEGRATION_TIMEOUT')), o.timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => handler(event, context)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
