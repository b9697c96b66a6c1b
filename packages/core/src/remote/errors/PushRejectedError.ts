import { GitwayError } from '../../errors/GitwayError.js';

/** The server refused a push (e.g. its pre-receive hook declined); data: { url, refs, messages } with the hook's output. */
export class PushRejectedError extends GitwayError {
  static override code = 'PushRejectedError';
}
