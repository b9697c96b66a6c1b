import { GitwayError } from '../../errors/GitwayError.js';

/** The remote could not be reached (connection refused, DNS, timeout); data: { url } (credentials stripped). */
export class RemoteUnreachableError extends GitwayError {
  static override code = 'RemoteUnreachableError';
}
