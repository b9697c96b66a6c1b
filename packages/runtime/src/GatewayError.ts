/**
 * Thrown inside the request pipeline to answer with a gateway response of `responseType`
 * (API Gateway's GatewayResponse types, e.g. BAD_REQUEST_BODY). `statusCode` and
 * `message` override the type's defaults; `detail` is the execution log's account of the
 * failure ("Execution failed due to configuration error: Invalid endpoint address ...").
 */
export class GatewayError extends Error {
  detail?: string;
  constructor(
    readonly responseType: string,
    readonly statusCode?: number,
    message?: string,
  ) {
    super(message ?? responseType);
  }

  /** A 500 API_CONFIGURATION_ERROR whose execution log line is `detail`. */
  static configuration(detail: string, cause?: unknown): GatewayError {
    return Object.assign(new GatewayError('API_CONFIGURATION_ERROR'), { detail: `Execution failed due to configuration error: ${detail}`, cause });
  }
}
