/** Method -> OpenAPI operation object (internal). */
import type { Authorizer, Method } from '../models/types.js';
import { exportContent, exportResponse, firstSchema } from './content.js';
import { exportIntegration } from './exportIntegration.js';
import { exportParameters } from './params.js';
import { exportMethodSecurity, importMethodSecurity, sameAuth, type SchemeKind } from './security.js';
import { isObject, isStringArray, nonEmpty, omit, sortKeysDeep, type Obj } from './util.js';

export interface ExportEnv {
  format: 'oas30' | 'swagger2';
  kinds: Map<string, SchemeKind>;
  authorizers: Record<string, Authorizer>;
  securityNames: { sigv4: string; apiKey: string };
  rootHasSecurity: boolean;
  consumes: string[];
  produces: string[];
}

const SWAGGER_ONLY = ['consumes', 'produces', 'schemes'];
const OAS_ONLY = ['servers', 'callbacks'];
const noThrow = { file: '', format: 'oas30' as const, locate: () => undefined };

export function exportOperation(m: Method, env: ExportEnv): Obj {
  const ext = m.extensions ?? {};
  const oas = env.format === 'oas30';
  const op: Obj = {};
  if (m.operationName !== undefined) op.operationId = m.operationName;
  const params = exportParameters(m.requestParameters, ext, env.format);
  const rb = isObject(ext.requestBody) ? ext.requestBody : undefined;
  const bodyContent = exportContent(m.requestModels, rb?.content, env.format);
  const bodyRest = omit(rb ?? {}, ['content', ...(oas ? ['name'] : [])]);
  if (oas && (nonEmpty(bodyContent) || nonEmpty(bodyRest))) op.requestBody = { ...bodyRest, ...(nonEmpty(bodyContent) ? { content: bodyContent } : {}) };
  if (!oas && (nonEmpty(bodyContent) || nonEmpty(bodyRest))) {
    const schema = firstSchema(bodyContent);
    params.push({ in: 'body', name: 'body', ...bodyRest, ...(schema !== undefined ? { schema } : {}) });
  }
  if (params.length > 0) op.parameters = params;
  if (!oas) {
    setMediaTypes(op, 'consumes', Object.keys(bodyContent), ext.consumes, env.consumes);
    const cts = Object.values(m.methodResponses ?? {}).flatMap((r) => Object.keys(exportContent(r.responseModels, r.extensions?.content, env.format)));
    setMediaTypes(op, 'produces', cts, ext.produces, env.produces);
  }
  if (m.methodResponses) {
    const responses: Obj = {};
    for (const code of Object.keys(m.methodResponses).sort()) responses[code] = sortKeysDeep(exportResponse(m.methodResponses[code], env.format));
    op.responses = responses;
  }
  const security = exportSecurity(m, ext.security, env);
  if (security !== undefined) op.security = security;
  if (m.requestValidatorId !== undefined) op['x-amazon-apigateway-request-validator'] = m.requestValidatorId;
  if (m.methodIntegration) op['x-amazon-apigateway-integration'] = exportIntegration(m.methodIntegration);
  const rest = omit(ext, ['parameters', 'requestBody', 'security', 'consumes', 'produces', ...(oas ? SWAGGER_ONLY : OAS_ONLY)]);
  if (!oas) for (const k of ['consumes', 'produces'] as const) if (op[k] === undefined && ext[k] !== undefined && !isStringArray(ext[k])) op[k] = ext[k];
  for (const key of Object.keys(rest).sort()) if (!(key in op)) op[key] = sortKeysDeep(rest[key]);
  return op;
}

/** Swagger 2 consumes/produces: the stored list when it still matches, nothing when the default applies. */
function setMediaTypes(op: Obj, key: 'consumes' | 'produces', used: string[], stored: unknown, inherited: string[]): void {
  const set = [...new Set(used)].sort();
  const same = (list: string[]) => list.length === set.length && [...new Set(list)].sort().every((v, i) => v === set[i]);
  if (set.length === 0) { if (isStringArray(stored)) op[key] = stored; return; }
  if (isStringArray(stored) && same(stored)) op[key] = stored;
  else if (!same(inherited)) op[key] = set;
}

function exportSecurity(m: Method, stored: unknown, env: ExportEnv): unknown {
  if (stored !== undefined) {
    try {
      if (sameAuth(importMethodSecurity(stored, env.kinds, env.authorizers, noThrow, '#'), m)) return sortKeysDeep(stored);
    } catch {
      // stale verbatim security (scheme gone): regenerate from the model
    }
  }
  return exportMethodSecurity(m, env.securityNames, env.rootHasSecurity);
}
