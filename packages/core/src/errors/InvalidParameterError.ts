import { GitwayError } from './GitwayError.js';

/** A bad value (variable value, method setting, patch operation...); data: { path, value }. */
export class InvalidParameterError extends GitwayError {
  static override code = 'InvalidParameterError';
}
