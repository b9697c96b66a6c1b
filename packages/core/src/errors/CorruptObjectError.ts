import { GitwayError } from './GitwayError.js';

/**
 * A damaged object in the repository: a loose object that does not inflate, has an
 * unknown type, the wrong size or the wrong hash; a pack entry that is truncated or
 * does not match its index; a damaged pack index. data: { oid?, where, problem }.
 * Nothing was written; `git fsck` names every damaged object.
 */
export class CorruptObjectError extends GitwayError {
  static override code = 'CorruptObjectError';
}
