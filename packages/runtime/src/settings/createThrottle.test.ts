import { describe, expect, it } from 'vitest';
import { createThrottle } from './createThrottle.js';

describe('createThrottle', () => {
  it('treats -1 (Terraform\'s "unset") as the default limits, 0 as a real limit', () => {
    const t = createThrottle(() => 0);
    const unset = Array.from({ length: 5000 }, () => t.take('a', { throttlingRateLimit: -1, throttlingBurstLimit: -1 }));
    expect(unset.every(Boolean)).toBe(true); // the default burst of 5000
    expect(t.take('a', { throttlingRateLimit: -1, throttlingBurstLimit: -1 })).toBe(false);
    expect(t.take('b', { throttlingRateLimit: 1, throttlingBurstLimit: 0 })).toBe(false);
  });
});
