import { GitwayError } from './GitwayError.js';

/** Creating something that exists (a stage, a branch, a repository); data: { what, name }. */
export class AlreadyExistsError extends GitwayError {
  static override code = 'AlreadyExistsError';
}
