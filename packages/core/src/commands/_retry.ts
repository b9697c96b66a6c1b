import { RefMovedError } from '../errors/RefMovedError.js';
import { LockedError } from '../errors/LockedError.js';
import { randomInt } from 'node:crypto';

/**
 * Runs `attempt` until it does not lose a compare-and-swap race: RefMovedError (and its
 * subclass StageMovedError) and
 * LockedError are retried (re-reading state each time) with growing jittered back-off.
 * After `tries` losses the last error is thrown (code StageMovedError or RefMovedError:
 * "moved, retry").
 */
export async function _retryOnRace<T>(attempt: () => Promise<T>, tries = 40): Promise<T> {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof RefMovedError) && !(err instanceof LockedError)) throw err;
      last = err;
      const delay = Math.min(200, 2 + i * 5) * (0.5 + randomInt(0, 100) / 100);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
  throw last;
}
