import { GitwayError } from './GitwayError.js';

/**
 * A push would move a remote branch or stage that is not an ancestor of what is pushed
 * (someone else moved it, or it moved since the last fetch); data: { ref, remote, local }.
 * Fetch, look at what moved, and retry (or push with `force`).
 */
export class NonFastForwardError extends GitwayError {
  static override code = 'NonFastForwardError';
}
