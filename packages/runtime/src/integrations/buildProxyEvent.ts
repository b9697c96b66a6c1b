import type { RequestContext } from '../createRequestContext.js';

/**
 * Builds the Lambda proxy integration event, payload format 1.0.
 *
 * @example
 * buildProxyEvent({ resourcePath: '/pets/{id}', path: '/pets/1', method: 'GET', headers: {}, multiQuery: {},
 *   pathParameters: { id: '1' }, stageVariables: {}, context: ctx, body: Buffer.alloc(0), binary: false });
 */
export function buildProxyEvent(o: {
  resourcePath: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  multiQuery: Record<string, string[]>;
  pathParameters: Record<string, string>;
  stageVariables: Record<string, string>;
  context: RequestContext;
  body: Buffer;
  binary: boolean;
}) {
  const hasQuery = Object.keys(o.multiQuery).length > 0;
  const hasHeaders = Object.keys(o.headers).length > 0;
  const c = o.context;
  return {
    resource: o.resourcePath,
    path: o.path,
    httpMethod: o.method,
    headers: hasHeaders ? { ...o.headers } : null,
    multiValueHeaders: hasHeaders ? Object.fromEntries(Object.entries(o.headers).map(([k, v]) => [k, [v]])) : null,
    queryStringParameters: hasQuery ? Object.fromEntries(Object.entries(o.multiQuery).map(([k, v]) => [k, v[v.length - 1]])) : null,
    multiValueQueryStringParameters: hasQuery ? structuredClone(o.multiQuery) : null,
    pathParameters: Object.keys(o.pathParameters).length ? { ...o.pathParameters } : null,
    stageVariables: Object.keys(o.stageVariables).length ? { ...o.stageVariables } : null,
    requestContext: {
      resourceId: c.resourceId,
      resourcePath: c.resourcePath,
      httpMethod: c.httpMethod,
      extendedRequestId: c.extendedRequestId,
      requestTime: c.requestTime,
      path: c.path,
      accountId: c.accountId,
      protocol: c.protocol,
      stage: c.stage,
      domainPrefix: c.domainPrefix,
      requestTimeEpoch: c.requestTimeEpoch,
      requestId: c.requestId,
      identity: { sourceIp: c.identity.sourceIp, userAgent: c.identity.userAgent },
      domainName: c.domainName,
      apiId: c.apiId,
    },
    body: o.body.length === 0 ? null : o.binary ? o.body.toString('base64') : o.body.toString('utf8'),
    isBase64Encoded: o.binary,
  };
}
