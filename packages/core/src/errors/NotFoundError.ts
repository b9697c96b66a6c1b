import { GitwayError } from './GitwayError.js';

/** An unknown revision, stage, branch or object; data: { what, name, candidates? }. */
export class NotFoundError extends GitwayError {
  static override code = 'NotFoundError';
}
