/** The account id in ARNs and NotFound messages: there is no AWS account behind gitway serve. */
export const ACCOUNT_ID = '000000000000';

/**
 * An error as API Gateway sends it: status, `x-amzn-ErrorType` (the SDK's exception name)
 * and `{"message"}`.
 */
export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new AwsError(400, 'BadRequestException', message);
export const notFound = (message: string) => new AwsError(404, 'NotFoundException', message);
export const conflict = (message: string) => new AwsError(409, 'ConflictException', message);

/** AWS's wording for an unknown id of each kind (the core error says which kind in data.what). */
const NOT_FOUND: Record<string, string> = {
  stage: 'Invalid Stage identifier specified',
  deployment: 'Invalid Deployment identifier specified',
  revision: 'Invalid Deployment identifier specified',
  commit: 'Invalid Deployment identifier specified',
  object: 'Invalid Deployment identifier specified',
};

export const apiNotFound = (restApiId: string) => notFound(`Invalid API identifier specified ${ACCOUNT_ID}:${restApiId}`);

/**
 * A gitway core error as API Gateway would answer it: bad input 400, unknown ids 404,
 * existing/in-use 409, a lost compare-and-swap race after core's retries 429 (the SDKs retry it).
 * Anything else is not ours to explain: null (the server answers 500 and logs it).
 */
export function toAwsError(error: unknown): AwsError | null {
  if (error instanceof AwsError) return error;
  const e = error as { code?: string; message?: string; data?: { what?: string } };
  switch (e?.code) {
    case 'NotFoundError':
      return notFound(NOT_FOUND[e.data?.what ?? ''] ?? e.message ?? 'Not found');
    case 'AlreadyExistsError':
    case 'ConflictError':
    case 'MergeConflictError':
      return conflict(e.message ?? 'Conflict');
    case 'StageMovedError':
    case 'LockedError':
      return new AwsError(429, 'TooManyRequestsException', `${e.message} (concurrent changes; retry)`);
    case 'InvalidParameterError':
    case 'InvalidNameError':
    case 'InvalidDefinitionError':
    case 'ParseError':
    case 'TooLargeError':
    case 'NothingToRollbackError':
    case 'AmbiguousRevisionError':
      return badRequest(e.message ?? 'Bad request');
    default:
      return null;
  }
}
