import type { Api, Method, MethodSetting, Stage } from '@gitway/core';

const DYNAMIC = /[$#]/;

/**
 * Whether a method's response is the same for every request that has no body and no
 * Content-Type: an unprotected (no authorizer, no API key) MOCK integration whose request templates, response templates and
 * response parameters are literal (no `$` or `#`: no VTL, no `$context`), with at most one
 * response template (so Accept cannot choose), no request validation that could refuse
 * the request, and no stage cache in front of it. The gateway then answers such a method
 * from the response the full pipeline produced the first time (throttling still applies
 * per request). Anything else always runs the full pipeline.
 *
 * @example
 * isStaticMock(api, method, stage, setting); // true for GET /health -> MOCK '{"status":"ok"}'
 */
export function isStaticMock(api: Api, method: Method, stage: Stage, setting: MethodSetting): boolean {
  const integration = method.methodIntegration;
  if (!integration || integration.type !== 'MOCK') return false;
  if (method.authorizationType !== 'NONE' || method.apiKeyRequired) return false;
  if (stage.cacheClusterEnabled && setting.cachingEnabled) return false;
  const validatorName = method.requestValidatorId ?? api.restApi.requestValidatorId;
  const validator = validatorName ? api.requestValidators[validatorName] : undefined;
  if (validator?.validateRequestParameters && Object.values(method.requestParameters ?? {}).some(Boolean)) return false;
  if (validator?.validateRequestBody && Object.keys(method.requestModels ?? {}).length > 0) return false;
  if (Object.values(integration.requestTemplates ?? {}).some((t) => DYNAMIC.test(t))) return false;
  for (const response of Object.values(integration.integrationResponses ?? {})) {
    const templates = Object.values(response.responseTemplates ?? {});
    if (templates.length > 1 || templates.some((t) => DYNAMIC.test(t))) return false;
    if (Object.values(response.responseParameters ?? {}).some((v) => !/^'[^']*'$/.test(v))) return false;
  }
  return true;
}
