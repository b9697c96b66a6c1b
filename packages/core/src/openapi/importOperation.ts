/** OpenAPI operation -> Method (internal). */
import type { Authorizer, HttpMethod, Method, MethodResponse } from '../models/types.js';
import { invalid, type ImportContext } from './context.js';
import { importContent, importResponse } from './content.js';
import { importIntegration } from './importIntegration.js';
import { importParameters } from './params.js';
import { exportMethodSecurity, importMethodSecurity, type SchemeKind } from './security.js';
import { deepEqual, isObject, isStringArray, nonEmpty, omit, ptr, type Obj } from './util.js';

export interface OperationEnv {
  kinds: Map<string, SchemeKind>;
  authorizers: Record<string, Authorizer>;
  validators: Set<string>;
  rootSecurity: unknown;
  consumes: string[];
  produces: string[];
  securityNames: { sigv4: string; apiKey: string };
}

const TAKEN = ['operationId', 'parameters', 'requestBody', 'responses', 'security', 'x-amazon-apigateway-integration', 'x-amazon-apigateway-request-validator'];

export function importOperation(httpMethod: HttpMethod, op: unknown, pathParams: unknown[], env: OperationEnv, ctx: ImportContext, at: string): Method {
  if (!isObject(op)) throw invalid(ctx, at, 'operation must be an object');
  if (op.parameters !== undefined && !Array.isArray(op.parameters)) throw invalid(ctx, ptr(at, 'parameters'), 'parameters must be an array');
  const params = importParameters(pathParams, (op.parameters as unknown[]) ?? [], ctx.format);
  const auth = importMethodSecurity(op.security ?? env.rootSecurity, env.kinds, env.authorizers, ctx, ptr(at, 'security'));
  const m: Method = { httpMethod, ...auth };
  const ext: Obj = omit(op, TAKEN);
  if (typeof op.operationId === 'string') m.operationName = op.operationId;
  else if (op.operationId !== undefined) ext.operationId = op.operationId;
  if (nonEmpty(params.requestParameters)) m.requestParameters = params.requestParameters;
  if (nonEmpty(params.details)) ext.parameters = params.details;

  const consumes = isStringArray(op.consumes) ? op.consumes : env.consumes;
  const body = ctx.format === 'swagger2' ? params.body : op.requestBody;
  if (body !== undefined) {
    const bat = ctx.format === 'swagger2' ? ptr(at, 'parameters') : ptr(at, 'requestBody');
    if (!isObject(body)) throw invalid(ctx, bat, 'request body must be an object');
    const c = importContent(body, ctx, bat, consumes);
    if (nonEmpty(c.models)) m.requestModels = c.models;
    const rest: Obj = omit(body, ['content', 'schema', 'in', ...(body.name === 'body' ? ['name'] : [])]);
    if (nonEmpty(c.content)) rest.content = c.content;
    if (nonEmpty(rest)) ext.requestBody = rest;
  }

  const validator = op['x-amazon-apigateway-request-validator'];
  if (validator !== undefined) {
    if (typeof validator !== 'string' || !env.validators.has(validator)) throw invalid(ctx, ptr(at, 'x-amazon-apigateway-request-validator'), `unknown request validator "${String(validator)}"`);
    m.requestValidatorId = validator;
  }
  if (op.responses !== undefined) {
    if (!isObject(op.responses)) throw invalid(ctx, ptr(at, 'responses'), 'responses must be an object');
    const produces = isStringArray(op.produces) ? op.produces : env.produces;
    const responses: Record<string, MethodResponse> = {};
    for (const [code, r] of Object.entries(op.responses)) responses[code] = importResponse(code, r, ctx, ptr(at, 'responses', code), produces);
    m.methodResponses = responses;
  }
  if (op['x-amazon-apigateway-integration'] !== undefined) {
    m.methodIntegration = importIntegration(op['x-amazon-apigateway-integration'], ctx, ptr(at, 'x-amazon-apigateway-integration'));
  }
  // Keep `security` verbatim only when it says more than the model can regenerate.
  const effective = op.security ?? env.rootSecurity;
  if (effective !== undefined && !deepEqual(effective, exportMethodSecurity(auth, env.securityNames, env.rootSecurity !== undefined))) ext.security = effective;
  if (nonEmpty(ext)) m.extensions = ext;
  return m;
}
