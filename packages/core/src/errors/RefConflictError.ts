import { GitwayError } from './GitwayError.js';

/**
 * A ref cannot be created because another ref is in its way as a file or a directory
 * (`q/x` while `q` exists, or `ok` while `ok/nested` exists), in git's wording
 * "cannot lock ref 'refs/heads/q/x': 'refs/heads/q' exists"; data: { ref, existing }.
 */
export class RefConflictError extends GitwayError {
  static override code = 'RefConflictError';
}
