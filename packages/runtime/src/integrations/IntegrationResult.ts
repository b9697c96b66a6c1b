/** What a backend answered, before integration responses map it. */
export interface IntegrationResult {
  statusCode: number;
  /** Lower-case names. */
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** Lambda (non-proxy) error message, matched by selection patterns. */
  errorMessage?: string;
  /** From a Lambda (non-proxy) integration. */
  lambda?: boolean;
}
