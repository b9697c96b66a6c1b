import { GitwayError } from './GitwayError.js';

/**
 * A compare-and-swap update of a branch (or another non-stage ref) lost the race: the ref
 * moved meanwhile; retryable; data: { ref, expected, actual }. A stage ref throws the
 * subclass StageMovedError, so `instanceof RefMovedError` catches both.
 *
 * @example
 * const err = await deploy({ ...repo, definition }).catch((e) => e);
 * if (err.code === 'RefMovedError') console.log(`${err.data.ref} moved; deploy again`);
 */
export class RefMovedError extends GitwayError {
  static override code = 'RefMovedError';
}
