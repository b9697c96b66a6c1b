import { GitwayError } from '../../errors/GitwayError.js';

/** The URL is not a gitway repository (not a git repository, no branches or stages, not gitway content) or cannot be reached by the transport; data: { url, reason }. */
export class NotAGitwayRemoteError extends GitwayError {
  static override code = 'NotAGitwayRemoteError';
}
