import { GitwayError } from './GitwayError.js';

/** The disk (or quota) is full; data: { action, cause, done? } — `done` says what a multi-step change already did. */
export class DiskFullError extends GitwayError {
  static override code = 'DiskFullError';
}
