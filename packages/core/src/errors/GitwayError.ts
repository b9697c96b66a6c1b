/**
 * Base class of every error gitway throws on purpose. `code` is a stable string
 * (tests and the CLI switch on it, never on the message); `data` carries the
 * structured details (file, place, candidates, conflicts...).
 */
export class GitwayError extends Error {
  static code = 'GitwayError';
  code: string;
  data: Record<string, unknown>;
  constructor(message: string, data: Record<string, unknown> = {}) {
    super(message);
    this.code = (this.constructor as typeof GitwayError).code;
    this.name = this.code;
    this.data = data;
  }
}
