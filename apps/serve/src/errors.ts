import { errorCodeInfo } from '@gitway/core';

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
 * A gitway core error as API Gateway would answer it: the exception type and status are
 * core's ERROR_CODES table (the status API Gateway sends with that type), and
 * NotFound messages in AWS's wording for the kind of id. An error without an API Gateway
 * counterpart is not ours to explain: null (the server answers 500 and logs it).
 */
export function toAwsError(error: unknown): AwsError | null {
  if (error instanceof AwsError) return error;
  const e = error as { code?: string; message?: string; data?: { what?: string } };
  const info = errorCodeInfo(e?.code);
  if (!info?.awsType) return null;
  if (info.awsType === 'NotFoundException') return notFound(NOT_FOUND[e.data?.what ?? ''] ?? e.message ?? 'Not found');
  return new AwsError(info.httpStatus, info.awsType, e.message ?? info.awsType);
}
