/**
 * Thrown inside the request pipeline to answer with a gateway response of `responseType`
 * (API Gateway's GatewayResponse types, e.g. BAD_REQUEST_BODY). `statusCode` and
 * `message` override the type's defaults.
 */
export class GatewayError extends Error {
  constructor(
    readonly responseType: string,
    readonly statusCode?: number,
    message?: string,
  ) {
    super(message ?? responseType);
  }
}
