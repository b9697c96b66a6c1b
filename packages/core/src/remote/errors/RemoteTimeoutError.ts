import { GitwayError } from '../../errors/GitwayError.js';

/** The remote sent nothing for longer than the idle timeout; nothing was changed locally; data: { url, timeoutMs, phase }. */
export class RemoteTimeoutError extends GitwayError {
  static override code = 'RemoteTimeoutError';
}
