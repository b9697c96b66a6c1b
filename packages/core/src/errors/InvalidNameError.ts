import { GitwayError } from './GitwayError.js';

/** A stage, branch, variable or model name that breaks API Gateway's or git's rules; data: { kind, name }. */
export class InvalidNameError extends GitwayError {
  static override code = 'InvalidNameError';
}
