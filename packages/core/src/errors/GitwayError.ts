import { awsErrorType } from './awsErrorTypes.js';

/**
 * Base class of every error gitway throws on purpose. `code` is a stable string
 * (tests and the CLI switch on it, never on the message); `data` carries the
 * structured details (file, place, candidates, conflicts...) and `awsType`: the exception
 * type API Gateway answers the same refusal with (errors/awsErrorTypes.ts), when it has one.
 */
export class GitwayError extends Error {
  static code = 'GitwayError';
  code: string;
  data: Record<string, unknown>;
  constructor(message: string, data: Record<string, unknown> = {}) {
    super(message);
    this.code = (this.constructor as typeof GitwayError).code;
    this.name = this.code;
    const awsType = awsErrorType(this.code);
    this.data = awsType ? { awsType, ...data } : data;
  }
}
