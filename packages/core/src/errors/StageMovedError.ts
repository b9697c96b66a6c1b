import { GitwayError } from './GitwayError.js';

/** A compare-and-swap ref update lost the race (the ref moved); retryable; data: { ref, expected, actual }. */
export class StageMovedError extends GitwayError {
  static override code = 'StageMovedError';
}
