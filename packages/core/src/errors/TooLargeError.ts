import { GitwayError } from './GitwayError.js';

/** An input over a size/depth limit; data: { file, limit }. */
export class TooLargeError extends GitwayError {
  static override code = 'TooLargeError';
}
