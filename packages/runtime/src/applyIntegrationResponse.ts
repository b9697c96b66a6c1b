import type { Integration, IntegrationResponse } from '@gitway/core';
import type { RequestContext } from './createRequestContext.js';
import { GatewayError } from './GatewayError.js';
import type { IntegrationResult } from './integrations/IntegrationResult.js';
import { resolveParameter } from './resolveParameter.js';
import { DOTALL, safeRegex } from './safeRegex.js';
import type { GatewayResponse, ResponseHeaders } from './types.js';
import { createVtlInput, type VtlParams } from './vtl/createVtlInput.js';
import { createVtlUtil } from './vtl/createVtlUtil.js';
import { isLiteralTemplate, renderTemplate } from './vtl/renderTemplate.js';

type Selector = { pattern: ReturnType<typeof safeRegex> | null; response: IntegrationResponse }[];
const selectors = new WeakMap<Integration, Selector>();
const util = createVtlUtil();
const NO_TEMPLATES: Record<string, string> = Object.freeze({});

/**
 * Maps a backend result through the integration responses: the first whose
 * selectionPattern (RE2, linear time) fully matches the backend status (or the Lambda error message) wins,
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
  let chosen: IntegrationResponse | undefined;
  if (subject !== undefined) for (const s of selector) if (s.pattern?.matches(subject)) {
    chosen = s.response;
    break;
  }
  if (!chosen) for (const s of selector) if (s.pattern === null) {
    chosen = s.response;
    break;
  }
  if (!chosen) throw GatewayError.configuration(`No match for output mapping and no default output mapping configured. Endpoint Response Status Code: ${result.statusCode}`);

  const bodyText = result.body.toString('utf8');
  const backendHeaders: Record<string, string> = {};
  for (const k in result.headers) if (Object.hasOwn(result.headers, k)) {
    const v = result.headers[k];
    backendHeaders[k] = Array.isArray(v) ? v.join(',') : v;
  }
  const headers: ResponseHeaders = {};
  let body: Buffer | string = result.body;
  const templates = chosen.responseTemplates ?? NO_TEMPLATES;
  const type = pickResponseType(templates, accept);
  if (type !== undefined && templates[type] !== '' && templates[type] != null) {
    try {
      const template = templates[type];
      body = isLiteralTemplate(template) ? template : renderTemplate(template, { input: createVtlInput(bodyText, params), util, context: ctx, stageVariables });
    } catch (error) {
      throw GatewayError.configuration(`Unable to transform response: ${(error as Error)?.message ?? String(error)}`, error);
    }
    headers['content-type'] = type;
  } else {
    headers['content-type'] = backendHeaders['content-type'] ?? 'application/json';
  }
  const parameters = chosen.responseParameters;
  if (parameters !== undefined) {
    const sources = {
      'integration.response.header': backendHeaders,
      'integration.response.body': bodyText,
      'method.request.path': params.path,
      'method.request.querystring': params.querystring,
      'method.request.header': params.header,
      stageVariables,
      context: ctx,
    };
    for (const [target, expr] of Object.entries(parameters)) {
      if (!target.startsWith('method.response.header.')) continue;
      const value = resolveParameter(expr, sources);
      if (value !== undefined) headers[target.slice('method.response.header.'.length).toLowerCase()] = value;
    }
  }
  const statusCode = Number(chosen.statusCode);
  if (!Number.isInteger(statusCode)) throw new GatewayError('API_CONFIGURATION_ERROR');
  return { statusCode, headers, body };
}

function compileSelector(integration: Integration): Selector {
  const out: Selector = [];
  for (const [key, response] of Object.entries(integration.integrationResponses ?? {})) {
    const source = response.selectionPattern ?? (key === 'default' ? undefined : key);
    let pattern: Selector[number]["pattern"] = null;
    if (source !== undefined && source !== '') {
      try {
        pattern = safeRegex(source, DOTALL);
      } catch {
        continue; // an invalid Java regex (or one RE2 cannot run: backreferences, lookaround) never matches
      }
    }
    out.push({ pattern, response });
  }
  return out;
}

function pickResponseType(templates: Record<string, string>, accept: string): string | undefined {
  if (accept.length > 256) return pickFresh(templates, accept);
  let picks = picked.get(templates);
  if (!picks) picked.set(templates, (picks = new Map()));
  let type = picks.get(accept);
  if (type === undefined && !picks.has(accept)) {
    type = pickFresh(templates, accept);
    if (picks.size >= 64) picks.clear();
    picks.set(accept, type);
  }
  return type;
}

/* The type each Accept header picked, per response's templates (at most 64 Accept values of at most 256 characters kept per response). */
const picked = new WeakMap<Record<string, string>, Map<string, string | undefined>>();

function pickFresh(templates: Record<string, string>, accept: string): string | undefined {
  const keys = Object.keys(templates);
  if (keys.length === 0) return undefined;
  for (const part of accept.split(',')) {
    const type = part.split(';')[0].trim().toLowerCase();
    if (type && Object.hasOwn(templates, type)) return type;
  }
  return Object.hasOwn(templates, 'application/json') ? 'application/json' : keys[0];
}
