import { GitwayError } from './GitwayError.js';

/** A ref lock held by another live process; data: { ref }. */
export class LockedError extends GitwayError {
  static override code = 'LockedError';
}
