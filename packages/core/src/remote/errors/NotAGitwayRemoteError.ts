import { GitwayError } from '../../errors/GitwayError.js';

/** The URL does not serve a gitway repository over git's smart HTTP protocol; data: { url, reason }. */
export class NotAGitwayRemoteError extends GitwayError {
  static override code = 'NotAGitwayRemoteError';
}
