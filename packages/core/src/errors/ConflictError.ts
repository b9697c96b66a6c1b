import { GitwayError } from './GitwayError.js';

/** A request that contradicts the current state (e.g. a deployment still used by a stage); data varies. */
export class ConflictError extends GitwayError {
  static override code = 'ConflictError';
}
