import { GitwayError } from './GitwayError.js';

/** No gitway repository at the given place; data: { gitdir }. */
export class NotARepositoryError extends GitwayError {
  static override code = 'NotARepositoryError';
}
