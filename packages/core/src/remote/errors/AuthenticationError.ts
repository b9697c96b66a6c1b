import { GitwayError } from '../../errors/GitwayError.js';

/** The remote refused the credentials (HTTP 401/403); data: { url, status }. Messages never contain the secret. */
export class AuthenticationError extends GitwayError {
  static override code = 'AuthenticationError';
}
