import { GitwayError } from './GitwayError.js';

/** A document that is not a valid (or supported) OpenAPI/Swagger API Gateway definition; data: { file, pointer }. */
export class InvalidDefinitionError extends GitwayError {
  static override code = 'InvalidDefinitionError';
}
