import { GitwayError } from './GitwayError.js';

/** Malformed YAML/JSON; data: { file, line, column }. */
export class ParseError extends GitwayError {
  static override code = 'ParseError';
}
