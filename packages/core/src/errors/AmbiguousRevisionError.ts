import { GitwayError } from './GitwayError.js';

/** A revision that names several things; data: { rev, candidates }. */
export class AmbiguousRevisionError extends GitwayError {
  static override code = 'AmbiguousRevisionError';
}
