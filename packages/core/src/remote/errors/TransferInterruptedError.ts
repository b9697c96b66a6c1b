import { GitwayError } from '../../errors/GitwayError.js';

/** The connection closed before the transfer completed; nothing was changed locally; data: { url }. */
export class TransferInterruptedError extends GitwayError {
  static override code = 'TransferInterruptedError';
}
