import { DEFAULT_BURST_LIMIT as DEFAULT_BURST, DEFAULT_RATE_LIMIT as DEFAULT_RATE } from '@gitway/core/model';

/**
 * Token buckets keyed by method: each holds up to `burst` tokens and refills at `rate`
 * tokens per second of the injected clock. `take` returns false when the request must
 * be throttled (429).
 *
 * @example
 * const throttle = createThrottle(() => Date.parse('2024-01-01'));
 * throttle.take('GET /pets', { throttlingRateLimit: 1, throttlingBurstLimit: 1 }); // true, then false
 */
export function createThrottle(now: () => number) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key: string, limits: { throttlingRateLimit?: number; throttlingBurstLimit?: number }): boolean {
      // -1 is "unset" (Terraform's default for method settings): the default limits apply.
      const rate = (limits.throttlingRateLimit ?? -1) < 0 ? DEFAULT_RATE : limits.throttlingRateLimit!;
      const burst = (limits.throttlingBurstLimit ?? -1) < 0 ? DEFAULT_BURST : limits.throttlingBurstLimit!;
      const t = now();
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = { tokens: burst, at: t }));
      bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, t - bucket.at) / 1000) * rate);
      bucket.at = t;
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
