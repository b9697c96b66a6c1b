/**
 * JSON schema (ajv) of the canonical model, used to reject a malformed Api handed to the
 * library directly (not one produced by parseDefinition, which is valid by construction).
 */
import { Ajv, type ErrorObject } from 'ajv';
import { InvalidDefinitionError } from '../errors/InvalidDefinitionError.js';
import { HTTP_METHODS, INTEGRATION_TYPES, type Api } from './types.js';
import { escapePointer as esc } from '../utils/jsonPointer.js';

const str = { type: 'string' } as const;
const strMap = { type: 'object', additionalProperties: str } as const;
const boolMap = { type: 'object', additionalProperties: { type: 'boolean' } } as const;
const strArray = { type: 'array', items: str } as const;
const ext = { type: 'object' } as const;
const contentHandling = { enum: ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT'] } as const;
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required, additionalProperties: false });
const named = (schema: { properties: Record<string, unknown> }, key: string) => ({
  type: 'object',
  additionalProperties: schema,
  // each entry's name/path field must equal its key (checked in validateApi)
  propertyNames: key === 'path' ? { pattern: '^/' } : { minLength: 1 },
});

const integrationResponse = obj({ statusCode: { type: 'string', pattern: '^[1-5]\\d\\d$' }, selectionPattern: str, responseParameters: strMap, responseTemplates: strMap, contentHandling, extensions: ext }, ['statusCode']);
const integration = obj({
  type: { enum: INTEGRATION_TYPES }, httpMethod: str, uri: str, connectionType: { enum: ['INTERNET', 'VPC_LINK'] }, connectionId: str, credentials: str,
  requestParameters: strMap, requestTemplates: strMap, passthroughBehavior: { enum: ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'] }, contentHandling,
  timeoutInMillis: { type: 'integer', minimum: 50 }, cacheNamespace: str, cacheKeyParameters: strArray,
  tlsConfig: obj({ insecureSkipVerification: { type: 'boolean' } }), integrationResponses: { type: 'object', additionalProperties: integrationResponse }, extensions: ext,
}, ['type']);
const methodResponse = obj({ statusCode: str, responseParameters: boolMap, responseModels: strMap, extensions: ext }, ['statusCode']);
const method = obj({
  httpMethod: { enum: HTTP_METHODS }, operationName: str, authorizationType: { enum: ['NONE', 'AWS_IAM', 'CUSTOM', 'COGNITO_USER_POOLS'] }, authorizerId: str,
  authorizationScopes: strArray, apiKeyRequired: { type: 'boolean' }, requestParameters: boolMap, requestModels: strMap, requestValidatorId: str,
  methodResponses: { type: 'object', additionalProperties: methodResponse }, methodIntegration: integration, extensions: ext,
}, ['httpMethod', 'authorizationType']);
const resource = obj({ path: { type: 'string', pattern: '^/' }, resourceMethods: obj(Object.fromEntries(HTTP_METHODS.map((m) => [m, method]))), extensions: ext }, ['path', 'resourceMethods']);
const model = obj({ name: str, contentType: str, description: str, schema: {} }, ['name', 'schema']);
const authorizer = obj({
  name: str, type: { enum: ['TOKEN', 'REQUEST', 'COGNITO_USER_POOLS'] }, authorizerUri: str, authorizerCredentials: str, identitySource: str,
  identityValidationExpression: str, authorizerResultTtlInSeconds: { type: 'integer', minimum: 0, maximum: 3600 }, providerARNs: strArray, authType: str, extensions: ext,
}, ['name', 'type']);
const validator = obj({ name: str, validateRequestBody: { type: 'boolean' }, validateRequestParameters: { type: 'boolean' }, extensions: ext }, ['name', 'validateRequestBody', 'validateRequestParameters']);
const gatewayResponse = obj({ responseType: str, statusCode: str, responseParameters: strMap, responseTemplates: strMap, extensions: ext }, ['responseType']);
const restApi = obj({
  name: { type: 'string', minLength: 1 }, description: str, version: str, binaryMediaTypes: strArray, minimumCompressionSize: { type: 'integer', minimum: 0, maximum: 10485760 },
  apiKeySource: { enum: ['HEADER', 'AUTHORIZER'] }, endpointConfiguration: obj({ types: strArray, vpcEndpointIds: strArray }, ['types']), policy: {},
  requestValidatorId: str, sourceFormat: { enum: ['oas30', 'swagger2'] }, extensions: ext,
}, ['name']);

/** The ajv JSON schema of `Api`. */
export const apiSchema = obj({
  restApi,
  resources: named(resource, 'path'),
  models: named(model, 'name'),
  authorizers: named(authorizer, 'name'),
  requestValidators: named(validator, 'name'),
  gatewayResponses: named(gatewayResponse, 'responseType'),
}, ['restApi', 'resources', 'models', 'authorizers', 'requestValidators', 'gatewayResponses']);

let compiled: ReturnType<Ajv['compile']> | undefined;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Checks a value against `apiSchema`, that each map key equals its entry's name/path, that
 * references (authorizerId, requestValidatorId, model names) exist, and that no
 * `__proto__`/`constructor`/`prototype` key appears anywhere. Throws InvalidDefinitionError
 * with data { pointer, errors } on the first problem.
 *
 * @example
 * validateApi(api); // throws InvalidDefinitionError { code: 'InvalidDefinitionError', data: { pointer: '#/restApi/name' } }
 */
export function validateApi(api: unknown): asserts api is Api {
  forbiddenKeys(api, '#');
  compiled ??= new Ajv({ allErrors: false, strict: false }).compile(apiSchema);
  if (!compiled(api)) {
    const e = compiled.errors![0] as ErrorObject;
    fail(`#${e.instancePath}`, `${e.message ?? 'invalid'}`, compiled.errors);
  }
  const a = api as Api;
  const check = (map: Record<string, object>, field: string, section: string) => {
    for (const [key, v] of Object.entries(map)) if ((v as Record<string, unknown>)[field] !== key) fail(`#/${section}/${esc(key)}/${field}`, `must equal its key "${key}"`);
  };
  check(a.resources, 'path', 'resources');
  check(a.models, 'name', 'models');
  check(a.authorizers, 'name', 'authorizers');
  check(a.requestValidators, 'name', 'requestValidators');
  check(a.gatewayResponses, 'responseType', 'gatewayResponses');
  if (a.restApi.requestValidatorId !== undefined && !(a.restApi.requestValidatorId in a.requestValidators)) fail('#/restApi/requestValidatorId', 'unknown request validator');
  for (const [path, r] of Object.entries(a.resources)) {
    for (const [verb, m] of Object.entries(r.resourceMethods)) {
      const at = `#/resources/${esc(path)}/resourceMethods/${verb}`;
      if (m!.httpMethod !== verb) fail(`${at}/httpMethod`, `must equal its key "${verb}"`);
      if (m!.authorizerId !== undefined && !(m!.authorizerId in a.authorizers)) fail(`${at}/authorizerId`, 'unknown authorizer');
      if (m!.requestValidatorId !== undefined && !(m!.requestValidatorId in a.requestValidators)) fail(`${at}/requestValidatorId`, 'unknown request validator');
      for (const [ct, name] of Object.entries(m!.requestModels ?? {})) if (!(name in a.models)) fail(`${at}/requestModels/${esc(ct)}`, `unknown model "${name}"`);
    }
  }
}

function fail(pointer: string, message: string, errors?: unknown): never {
  throw new InvalidDefinitionError(`invalid API model at ${pointer}: ${message}`, { pointer, ...(errors ? { errors } : {}) });
}

function forbiddenKeys(value: unknown, pointer: string): void {
  // Pointers are built only for the path that fails: walking a 10,000-method API stays cheap.
  const walk = (v: unknown, path: string[]): void => {
    if (typeof v !== 'object' || v === null) return;
    const isArray = Array.isArray(v);
    for (const k of Object.keys(v)) {
      if (!isArray && FORBIDDEN.has(k)) fail(`${pointer}/${[...path, k].map(esc).join('/')}`, `forbidden key "${k}"`);
      const child = (v as Record<string, unknown>)[k];
      if (typeof child === 'object' && child !== null) {
        path.push(k);
        walk(child, path);
        path.pop();
      }
    }
  };
  walk(value, []);
}
