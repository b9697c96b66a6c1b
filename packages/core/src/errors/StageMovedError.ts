import { RefMovedError } from './RefMovedError.js';

/**
 * A compare-and-swap update of a stage (`refs/stages/<name>`) lost the race: the stage moved
 * meanwhile; retryable; data: { ref, expected, actual }. Branches throw RefMovedError.
 *
 * @example
 * const err = await updateStage({ ...repo, stageName: 'prod', patchOperations, expectedOid }).catch((e) => e);
 * if (err.code === 'StageMovedError') console.log('reload the stage and retry');
 */
export class StageMovedError extends RefMovedError {
  static override code = 'StageMovedError';
}
