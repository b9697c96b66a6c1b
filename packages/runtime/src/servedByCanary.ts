import type { GatewayResponse } from './types.js';

const CANARY = new WeakSet<object>();

/**
 * Marks a response as produced by the canary snapshot (createGateway does it; a host that
 * carries responses across threads marks the copy again).
 *
 * @example
 * const copy = markCanary({ ...response });
 * servedByCanary(copy); // true
 */
export function markCanary(response: GatewayResponse): GatewayResponse {
  CANARY.add(response);
  return response;
}

/**
 * Whether `handle` served this response from the stage's canary deployment (the request
 * fell into canarySettings.percentTraffic). For request logs such as preview's live panel.
 *
 * @example
 * const res = await gateway.handle(request);
 * console.log(res.statusCode, servedByCanary(res) ? 'canary' : 'stage');
 */
export function servedByCanary(response: GatewayResponse): boolean {
  return CANARY.has(response);
}
