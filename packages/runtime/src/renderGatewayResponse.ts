import type { GatewayResponse as GatewayResponseModel } from '@gitway/core';
import type { RequestContext } from './createRequestContext.js';
import { defaultGatewayResponses } from './defaultGatewayResponses.js';
import type { GatewayError } from './GatewayError.js';
import { resolveParameter, type ParameterSources } from './resolveParameter.js';
import type { GatewayResponse } from './types.js';
import { createVtlInput, type VtlParams } from './vtl/createVtlInput.js';
import { createVtlUtil } from './vtl/createVtlUtil.js';
import { renderTemplate } from './vtl/renderTemplate.js';

const DEFAULT_TEMPLATE = '{"message":$context.error.messageString}';
const util = createVtlUtil();

/**
 * Answers an error the way API Gateway does: the API's gateway response for the error's
 * type (else DEFAULT_4XX/DEFAULT_5XX for its parameters and templates), else the built-in
 * default, rendered with `$context.error.*`.
 *
 * @example
 * renderGatewayResponse(api.gatewayResponses, new GatewayError('THROTTLED'), ctx, params, stageVariables);
 * // { statusCode: 429, headers: { 'content-type': 'application/json' }, body: '{"message":"Too Many Requests"}' }
 */
export function renderGatewayResponse(
  overrides: Record<string, GatewayResponseModel>,
  error: GatewayError,
  ctx: RequestContext,
  params: VtlParams,
  stageVariables: Record<string, string>,
): GatewayResponse {
  const known = defaultGatewayResponses[error.responseType] ?? defaultGatewayResponses.DEFAULT_5XX;
  const specific = overrides[error.responseType];
  const statusCode = Number(specific?.statusCode ?? error.statusCode ?? known.statusCode);
  const message = error.message === error.responseType ? known.message : error.message;
  const fallback = overrides[statusCode < 500 ? 'DEFAULT_4XX' : 'DEFAULT_5XX'];
  const chosen = specific ?? fallback;
  ctx.error = { message, messageString: JSON.stringify(message), responseType: error.responseType };
  ctx.status = statusCode;

  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const sources: ParameterSources = {
    'method.request.path': params.path,
    'method.request.querystring': params.querystring,
    'method.request.header': params.header,
    stageVariables,
    context: ctx,
  };
  for (const [target, expr] of Object.entries(chosen?.responseParameters ?? {})) {
    if (!target.startsWith('gatewayresponse.header.')) continue;
    const value = resolveParameter(expr, sources);
    if (value !== undefined) headers[target.slice('gatewayresponse.header.'.length).toLowerCase()] = value;
  }
  const templates = chosen?.responseTemplates ?? {};
  const template = templates['application/json'] ?? Object.values(templates)[0] ?? DEFAULT_TEMPLATE;
  let body: string;
  try {
    body = renderTemplate(template, { context: ctx, stageVariables, util, input: createVtlInput('', params) });
  } catch {
    body = `{"message":${JSON.stringify(message)}}`;
  }
  return { statusCode, headers, body };
}
