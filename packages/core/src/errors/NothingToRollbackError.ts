import { GitwayError } from './GitwayError.js';

/** Rollback of a stage with no earlier deployment; data: { stageName }. */
export class NothingToRollbackError extends GitwayError {
  static override code = 'NothingToRollbackError';
}
