/** Resolved OpenAPI 3.0 / Swagger 2.0 document -> Api (internal). */
import type { Api, Authorizer, GatewayResponse, Model, RequestValidator, RestApi } from '../models/types.js';
import { invalid, type ImportContext } from './context.js';
import { importPaths } from './importPaths.js';
import { DEFAULT_SCHEMES, importAuthorizer, schemeKind, securityNamesOf, type SchemeKind } from './security.js';
import { deepEqual, isObject, isStringArray, isStringMap, nonEmpty, omit, ptr, type Obj } from './util.js';

const X = 'x-amazon-apigateway-';
const TOP_TAKEN = ['openapi', 'swagger', 'info', 'paths', 'components', 'definitions', 'securityDefinitions', `${X}binary-media-types`, `${X}minimum-compression-size`, `${X}api-key-source`, `${X}policy`, `${X}endpoint-configuration`, `${X}request-validators`, `${X}request-validator`, `${X}gateway-responses`];

/**
 * `paths` imports the path entries with the operation environment the rest of the document
 * gives (default importPaths; importByPath.ts assembles them from per-entry imports).
 */
export function importApi(doc: Obj, ctx: ImportContext, paths: typeof importPaths = importPaths): Api {
  const oas = ctx.format === 'oas30';
  const info = isObject(doc.info) ? doc.info : undefined;
  if (!info || typeof info.title !== 'string') throw invalid(ctx, '#/info/title', 'info.title (the API name) is required');
  const restApi: RestApi = { name: info.title, sourceFormat: ctx.format };
  const ext: Obj = omit(doc, TOP_TAKEN);
  if (typeof info.description === 'string') restApi.description = info.description;
  if (typeof info.version === 'string') restApi.version = info.version;
  const infoRest = nonEmpty(omit(info, ['title', ...(restApi.description !== undefined ? ['description'] : []), ...(restApi.version !== undefined ? ['version'] : [])]));
  if (infoRest) ext.info = infoRest;
  importRestApiExtensions(doc, restApi, ext, ctx);

  const components = isObject(doc.components) ? doc.components : {};
  const schemasAt = oas ? '#/components/schemas' : '#/definitions';
  const schemas = oas ? components.schemas : doc.definitions;
  const models: Record<string, Model> = {};
  if (schemas !== undefined && !isObject(schemas)) throw invalid(ctx, schemasAt, 'schemas must be an object');
  for (const [name, schema] of Object.entries(schemas ?? {})) models[name] = { name, schema };

  const schemesAt = oas ? '#/components/securitySchemes' : '#/securityDefinitions';
  const schemes = oas ? components.securitySchemes : doc.securityDefinitions;
  if (schemes !== undefined && !isObject(schemes)) throw invalid(ctx, schemesAt, 'security schemes must be an object');
  const authorizers: Record<string, Authorizer> = {};
  const kinds = new Map<string, SchemeKind>();
  const verbatim: Obj = {};
  for (const [name, scheme] of Object.entries(schemes ?? {})) {
    const kind = schemeKind(scheme);
    kinds.set(name, kind);
    if (kind === 'authorizer') authorizers[name] = importAuthorizer(name, scheme as Obj, ctx, ptr(schemesAt, name));
    else if (!(name in DEFAULT_SCHEMES && deepEqual(scheme, DEFAULT_SCHEMES[name as keyof typeof DEFAULT_SCHEMES]))) verbatim[name] = scheme;
  }
  if (oas) {
    const rest: Obj = omit(components, ['schemas', 'securitySchemes']);
    if (nonEmpty(verbatim)) rest.securitySchemes = verbatim;
    if (nonEmpty(rest)) ext.components = rest;
  } else if (nonEmpty(verbatim)) ext.securityDefinitions = verbatim;

  const securityNames = securityNamesOf(schemes);
  const requestValidators = importValidators(doc[`${X}request-validators`], ctx);
  const rv = doc[`${X}request-validator`];
  if (rv !== undefined) {
    if (typeof rv !== 'string' || !(rv in requestValidators)) throw invalid(ctx, `#/${X}request-validator`, `unknown request validator "${String(rv)}"`);
    restApi.requestValidatorId = rv;
  }
  const mediaTypes = (key: string) => (isStringArray(doc[key]) ? doc[key] : ['application/json']);
  const resources = paths(doc.paths, {
    kinds, authorizers, securityNames, validators: new Set(Object.keys(requestValidators)), rootSecurity: doc.security,
    consumes: mediaTypes('consumes'), produces: mediaTypes('produces'),
  }, ctx);
  if (nonEmpty(ext)) restApi.extensions = ext;
  return { restApi, resources, models, authorizers, requestValidators, gatewayResponses: importGatewayResponses(doc[`${X}gateway-responses`], ctx) };
}

function importRestApiExtensions(doc: Obj, restApi: RestApi, ext: Obj, ctx: ImportContext): void {
  const at = (k: string) => `#/${X}${k}`;
  const bmt = doc[`${X}binary-media-types`];
  if (bmt !== undefined) {
    if (!isStringArray(bmt)) throw invalid(ctx, at('binary-media-types'), 'binary media types must be an array of strings');
    restApi.binaryMediaTypes = bmt;
  }
  const mcs = doc[`${X}minimum-compression-size`];
  if (mcs !== undefined) {
    if (!Number.isInteger(mcs) || (mcs as number) < 0 || (mcs as number) > 10485760) throw invalid(ctx, at('minimum-compression-size'), 'minimum compression size must be an integer 0..10485760');
    restApi.minimumCompressionSize = mcs as number;
  }
  const aks = doc[`${X}api-key-source`];
  if (aks !== undefined) {
    const up = typeof aks === 'string' ? aks.toUpperCase() : '';
    if (up !== 'HEADER' && up !== 'AUTHORIZER') throw invalid(ctx, at('api-key-source'), 'api key source must be HEADER or AUTHORIZER');
    restApi.apiKeySource = up;
  }
  if (doc[`${X}policy`] !== undefined) restApi.policy = doc[`${X}policy`];
  const ec = doc[`${X}endpoint-configuration`];
  if (ec !== undefined) {
    if (!isObject(ec)) throw invalid(ctx, at('endpoint-configuration'), 'endpoint configuration must be an object');
    if (isStringArray(ec.types)) {
      restApi.endpointConfiguration = { types: ec.types };
      if (isStringArray(ec.vpcEndpointIds)) restApi.endpointConfiguration.vpcEndpointIds = ec.vpcEndpointIds;
      const rest = nonEmpty(omit(ec, restApi.endpointConfiguration.vpcEndpointIds ? ['types', 'vpcEndpointIds'] : ['types']));
      if (rest) ext[`${X}endpoint-configuration`] = rest;
    } else ext[`${X}endpoint-configuration`] = ec;
  }
}

function importValidators(raw: unknown, ctx: ImportContext): Record<string, RequestValidator> {
  const at = `#/${X}request-validators`;
  if (raw === undefined) return {};
  if (!isObject(raw)) throw invalid(ctx, at, 'request validators must be an object');
  const out: Record<string, RequestValidator> = {};
  for (const [name, v] of Object.entries(raw)) {
    if (!isObject(v)) throw invalid(ctx, ptr(at, name), 'request validator must be an object');
    for (const k of ['validateRequestBody', 'validateRequestParameters']) {
      if (v[k] !== undefined && typeof v[k] !== 'boolean') throw invalid(ctx, ptr(at, name, k), `${k} must be a boolean`);
    }
    out[name] = { name, validateRequestBody: v.validateRequestBody === true, validateRequestParameters: v.validateRequestParameters === true };
    const rest = nonEmpty(omit(v, ['validateRequestBody', 'validateRequestParameters']));
    if (rest) out[name].extensions = rest;
  }
  return out;
}

function importGatewayResponses(raw: unknown, ctx: ImportContext): Record<string, GatewayResponse> {
  const at = `#/${X}gateway-responses`;
  if (raw === undefined) return {};
  if (!isObject(raw)) throw invalid(ctx, at, 'gateway responses must be an object');
  const out: Record<string, GatewayResponse> = {};
  for (const [type, r] of Object.entries(raw)) {
    if (!isObject(r)) throw invalid(ctx, ptr(at, type), 'gateway response must be an object');
    const g: GatewayResponse = { responseType: type };
    const taken: string[] = [];
    if (typeof r.statusCode === 'string' || typeof r.statusCode === 'number') { g.statusCode = String(r.statusCode); taken.push('statusCode'); }
    if (isStringMap(r.responseParameters)) { g.responseParameters = r.responseParameters; taken.push('responseParameters'); }
    if (isStringMap(r.responseTemplates)) { g.responseTemplates = r.responseTemplates; taken.push('responseTemplates'); }
    const rest = nonEmpty(omit(r, taken));
    if (rest) g.extensions = rest;
    out[type] = g;
  }
  return out;
}

/** The source format of a parsed document, or the error naming what is wrong with it. */
export function detectFormat(doc: Obj, base: Pick<ImportContext, 'file' | 'locate'>): 'oas30' | 'swagger2' {
  if (doc.openapi !== undefined) {
    const v = String(doc.openapi);
    if (/^3\.0(\.\d+)?$/.test(v)) return 'oas30';
    if (/^3\.1(\.\d+)?$/.test(v)) throw invalid(base, '#/openapi', 'OpenAPI 3.1 is not supported by API Gateway import');
    throw invalid(base, '#/openapi', `unsupported OpenAPI version "${v}" (expected 3.0.x or Swagger 2.0)`);
  }
  if (doc.swagger !== undefined) {
    if (String(doc.swagger) === '2.0' || doc.swagger === 2) return 'swagger2';
    throw invalid(base, '#/swagger', `unsupported Swagger version "${String(doc.swagger)}" (expected 2.0)`);
  }
  throw invalid(base, '#', 'not an OpenAPI 3.0 or Swagger 2.0 document (no "openapi" or "swagger" field)');
}
