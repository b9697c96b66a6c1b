import { HttpError } from './http.js';

const STATUS_BY_CODE: Record<string, number> = {
  NotFoundError: 404,
  InvalidNameError: 400,
  InvalidParameterError: 400,
  ParseError: 400,
  AmbiguousRevisionError: 400,
  StageMovedError: 409,
  LockedError: 409,
  ConflictError: 409,
};

/**
 * The HTTP answer for an error: HttpErrors and gitway's typed errors keep their code
 * and message; anything else is a 500 whose details go to the log only.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && code in STATUS_BY_CODE) {
    return new HttpError(STATUS_BY_CODE[code], code, (error as Error).message);
  }
  return new HttpError(500, 'InternalServerError', 'Internal server error');
}
