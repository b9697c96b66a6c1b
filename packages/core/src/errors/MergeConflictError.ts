import { GitwayError } from './GitwayError.js';

/** A three-way merge with conflicts; data: { conflicts }. */
export class MergeConflictError extends GitwayError {
  static override code = 'MergeConflictError';
}
