/**
 * gitway error code -> the exception type API Gateway answers with for the same refusal
 * (the `x-amzn-ErrorType` / SDK `name`). The one table: GitwayError copies it into
 * `data.awsType`, the CLI prints it in `--json` errors, `gitway serve` sends it.
 * Codes without an API Gateway counterpart (remote transport, merge) have none.
 *
 * @example
 * AWS_ERROR_TYPES.NotFoundError; // 'NotFoundException'
 */
export const AWS_ERROR_TYPES: Readonly<Record<string, string>> = {
  InvalidParameterError: 'BadRequestException',
  InvalidNameError: 'BadRequestException',
  InvalidDefinitionError: 'BadRequestException',
  ParseError: 'BadRequestException',
  TooLargeError: 'BadRequestException',
  AmbiguousRevisionError: 'BadRequestException',
  NothingToRollbackError: 'BadRequestException',
  // API Gateway refuses state conflicts ("Active stages pointing to this deployment must be
  // moved or deleted") as BadRequestException; ConflictException means "already exists".
  ConflictError: 'BadRequestException',
  NotFoundError: 'NotFoundException',
  NotARepositoryError: 'NotFoundException',
  AlreadyExistsError: 'ConflictException',
  StageMovedError: 'ConflictException',
  LockedError: 'ConflictException',
  MergeConflictError: 'ConflictException',
};

/**
 * The API Gateway exception type of a gitway error code, or undefined.
 *
 * @example
 * awsErrorType('InvalidParameterError'); // 'BadRequestException'
 */
export function awsErrorType(code: string): string | undefined {
  return Object.hasOwn(AWS_ERROR_TYPES, code) ? AWS_ERROR_TYPES[code] : undefined;
}
