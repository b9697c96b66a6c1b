import { ERROR_CODES, errorCodeInfo } from './errorCodes.js';

/**
 * gitway error code -> the exception type API Gateway answers with for the same refusal
 * (the `x-amzn-ErrorType` / SDK `name`): the `awsType` column of ERROR_CODES
 * (errors/errorCodes.ts). GitwayError copies it into `data.awsType`, the CLI prints it in
 * `--json` errors, `gitway serve` sends it. Codes without an API Gateway counterpart
 * (remote transport, merge) have none.
 *
 * @example
 * AWS_ERROR_TYPES.NotFoundError; // 'NotFoundException'
 */
export const AWS_ERROR_TYPES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ERROR_CODES).flatMap(([code, info]) => (info.awsType ? [[code, info.awsType]] : [])),
);

/**
 * The API Gateway exception type of a gitway error code, or undefined.
 *
 * @example
 * awsErrorType('InvalidParameterError'); // 'BadRequestException'
 */
export function awsErrorType(code: string): string | undefined {
  return errorCodeInfo(code)?.awsType;
}
