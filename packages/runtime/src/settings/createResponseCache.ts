import type { GatewayResponse } from '../types.js';

const MAX_ENTRIES = 1000;

/**
 * The stage cache: responses by key with a TTL in seconds on the injected clock, oldest
 * entries evicted past 1,000.
 *
 * @example
 * const cache = createResponseCache(() => 0);
 * cache.set('GET /pets', response, 300);
 * cache.get('GET /pets'); // response until 300 s later
 */
export function createResponseCache(now: () => number) {
  const entries = new Map<string, { response: GatewayResponse; expires: number }>();
  return {
    get(key: string): GatewayResponse | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expires <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.response;
    },
    set(key: string, response: GatewayResponse, ttlSeconds: number): void {
      if (ttlSeconds <= 0) return;
      entries.delete(key);
      entries.set(key, { response, expires: now() + ttlSeconds * 1000 });
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    },
  };
}
