import { errorCodeInfo } from '@gitway/core';
import { HttpError } from './http.js';

/**
 * The HTTP answer for an error: HttpErrors and gitway's typed errors keep their code and
 * message (status from core's ERROR_CODES table); anything else is a 500 whose details go
 * to the log only.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const code = (error as { code?: unknown })?.code;
  const info = errorCodeInfo(code);
  if (info) return new HttpError(info.httpStatus, code as string, (error as Error).message);
  return new HttpError(500, 'InternalServerError', 'Internal server error');
}
