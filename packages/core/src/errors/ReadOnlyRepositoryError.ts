import { GitwayError } from './GitwayError.js';

/** The repository cannot be written (read-only file system or no permission); data: { action, cause } (no absolute paths). */
export class ReadOnlyRepositoryError extends GitwayError {
  static override code = 'ReadOnlyRepositoryError';
}
