/**
 * What an error code means to each front end, as data: the CLI's exit code, the HTTP status
 * (the dashboard and `gitway serve` answer it) and, when API Gateway refuses the same thing,
 * its exception type (`x-amzn-ErrorType`). A code with an `awsType` has the status API
 * Gateway sends with that type (BadRequestException 400, NotFoundException 404,
 * ConflictException 409), so the dashboard and `gitway serve` agree.
 */
export interface ErrorCodeInfo {
  /** `gitway` exits with it (git's conventions: 1 = conflicts to resolve, 128 = fatal). */
  readonly exitCode: number;
  /** The HTTP status a server answers the error with. */
  readonly httpStatus: number;
  /** API Gateway's exception type for the same refusal, if it has one. */
  readonly awsType?: string;
}

const badRequest = { exitCode: 128, httpStatus: 400, awsType: 'BadRequestException' } as const;
const notFound = { exitCode: 128, httpStatus: 404, awsType: 'NotFoundException' } as const;
const conflict = { exitCode: 128, httpStatus: 409, awsType: 'ConflictException' } as const;

/**
 * The one table from gitway error code to exit code, HTTP status and API Gateway type. The
 * CLI (apps/cli/src/execute.ts), the dashboard (apps/preview) and `gitway serve` read it;
 * a code missing here is a bug the front ends answer as 128 / 500.
 *
 * @example
 * ERROR_CODES.NotFoundError; // { exitCode: 128, httpStatus: 404, awsType: 'NotFoundException' }
 * ERROR_CODES.MergeConflictError.exitCode; // 1
 */
export const ERROR_CODES: Readonly<Record<string, ErrorCodeInfo>> = {
  InvalidParameterError: badRequest,
  InvalidNameError: badRequest,
  InvalidDefinitionError: badRequest,
  ParseError: badRequest,
  TooLargeError: badRequest,
  AmbiguousRevisionError: badRequest,
  NothingToRollbackError: badRequest,
  // API Gateway refuses state conflicts ("Active stages pointing to this deployment must be
  // moved or deleted") as BadRequestException; ConflictException means "already exists".
  ConflictError: badRequest,
  NotFoundError: notFound,
  NotARepositoryError: notFound,
  AlreadyExistsError: conflict,
  StageMovedError: conflict,
  RefMovedError: conflict,
  LockedError: conflict,
  MergeConflictError: { ...conflict, exitCode: 1 },
  RefConflictError: { exitCode: 128, httpStatus: 409 },
  NonFastForwardError: { exitCode: 128, httpStatus: 409 },
  ReadOnlyRepositoryError: { exitCode: 128, httpStatus: 503 },
  DiskFullError: { exitCode: 128, httpStatus: 507 },
  CorruptObjectError: { exitCode: 128, httpStatus: 500 },
  AuthenticationError: { exitCode: 128, httpStatus: 502 },
  NotAGitwayRemoteError: { exitCode: 128, httpStatus: 502 },
  PushRejectedError: { exitCode: 128, httpStatus: 502 },
  RemoteUnreachableError: { exitCode: 128, httpStatus: 502 },
  TransferInterruptedError: { exitCode: 128, httpStatus: 502 },
  RemoteTimeoutError: { exitCode: 128, httpStatus: 504 },
};

/**
 * The table's entry for an error's `code` (any value: an unknown code or a non-gitway error
 * gives undefined, which the front ends answer as 128 / 500).
 *
 * @example
 * errorCodeInfo(err.code)?.httpStatus ?? 500;
 */
export function errorCodeInfo(code: unknown): ErrorCodeInfo | undefined {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code) ? ERROR_CODES[code] : undefined;
}
