import type { Integration, IntegrationResponse } from '@gitway/core';
import type { RequestContext } from './createRequestContext.js';
import { GatewayError } from './GatewayError.js';
import type { IntegrationResult } from './integrations/IntegrationResult.js';
import { resolveParameter } from './resolveParameter.js';
import type { GatewayResponse, ResponseHeaders } from './types.js';
import { createVtlInput, type VtlParams } from './vtl/createVtlInput.js';
import { createVtlUtil } from './vtl/createVtlUtil.js';
import { renderTemplate } from './vtl/renderTemplate.js';

type Selector = { pattern: RegExp | null; response: IntegrationResponse }[];
const selectors = new WeakMap<Integration, Selector>();
const util = createVtlUtil();

/**
 * Maps a backend result through the integration responses: the first whose
 * selectionPattern fully matches the backend status (or the Lambda error message) wins,
 * else the default one; its responseParameters fill `method.response.header.*` and a
 * responseTemplate chosen by the request's Accept header (else application/json) renders
 * the body. No matching response at all is a 500, as API Gateway's configuration error.
 *
 * @example
 * applyIntegrationResponse(integration, { statusCode: 200, headers: {}, body: Buffer.from('{}') }, ctx, params, {}, 'application/json');
 */
export function applyIntegrationResponse(
  integration: Integration,
  result: IntegrationResult,
  ctx: RequestContext,
  params: VtlParams,
  stageVariables: Record<string, string>,
  accept: string,
): GatewayResponse {
  let selector = selectors.get(integration);
  if (!selector) selectors.set(integration, (selector = compileSelector(integration)));
  // Lambda successes always take the default response; errors and HTTP statuses are matched.
  const subject = result.lambda ? result.errorMessage : String(result.statusCode);
  const chosen =
    (subject !== undefined ? selector.find((s) => s.pattern?.test(subject))?.response : undefined) ??
    selector.find((s) => s.pattern === null)?.response;
  if (!chosen) throw GatewayError.configuration(`No match for output mapping and no default output mapping configured. Endpoint Response Status Code: ${result.statusCode}`);

  const bodyText = result.body.toString('utf8');
  const backendHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(result.headers)) backendHeaders[k] = Array.isArray(v) ? v.join(',') : v;
  const headers: ResponseHeaders = {};
  let body: Buffer | string = result.body;
  const templates = chosen.responseTemplates ?? {};
  const type = pickResponseType(templates, accept);
  if (type !== undefined && templates[type] !== '' && templates[type] != null) {
    try {
      body = renderTemplate(templates[type], { input: createVtlInput(bodyText, params), util, context: ctx, stageVariables });
    } catch (error) {
      throw GatewayError.configuration(`Unable to transform response: ${(error as Error)?.message ?? String(error)}`, error);
    }
    headers['content-type'] = type;
  } else {
    headers['content-type'] = backendHeaders['content-type'] ?? 'application/json';
  }
  const sources = {
    'integration.response.header': backendHeaders,
    'integration.response.body': bodyText,
    'method.request.path': params.path,
    'method.request.querystring': params.querystring,
    'method.request.header': params.header,
    stageVariables,
    context: ctx,
  };
  for (const [target, expr] of Object.entries(chosen.responseParameters ?? {})) {
    if (!target.startsWith('method.response.header.')) continue;
    const value = resolveParameter(expr, sources);
    if (value !== undefined) headers[target.slice('method.response.header.'.length).toLowerCase()] = value;
  }
  const statusCode = Number(chosen.statusCode);
  if (!Number.isInteger(statusCode)) throw new GatewayError('API_CONFIGURATION_ERROR');
  return { statusCode, headers, body };
}

function compileSelector(integration: Integration): Selector {
  const out: Selector = [];
  for (const [key, response] of Object.entries(integration.integrationResponses ?? {})) {
    const source = response.selectionPattern ?? (key === 'default' ? undefined : key);
    let pattern: RegExp | null = null;
    if (source !== undefined && source !== '') {
      try {
        pattern = new RegExp(`^(?:${source})$`, 's');
      } catch {
        continue; // an invalid Java regex never matches
      }
    }
    out.push({ pattern, response });
  }
  return out;
}

function pickResponseType(templates: Record<string, string>, accept: string): string | undefined {
  const keys = Object.keys(templates);
  if (keys.length === 0) return undefined;
  for (const part of accept.split(',')) {
    const type = part.split(';')[0].trim().toLowerCase();
    if (type && Object.hasOwn(templates, type)) return type;
  }
  return Object.hasOwn(templates, 'application/json') ? 'application/json' : keys[0];
}
