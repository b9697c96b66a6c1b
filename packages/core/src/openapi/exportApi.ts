/** Api -> OpenAPI 3.0.1 / Swagger 2.0 document object (internal). */
import type { Api } from '../models/types.js';
import { exportOperation, type ExportEnv } from './exportOperation.js';
import { ANY_KEY, METHOD_KEYS } from './importPaths.js';
import { DEFAULT_SCHEMES, exportAuthorizer, schemeKind, securityNamesOf, type SchemeKind } from './security.js';
import { isObject, isStringArray, mapRefs, nonEmpty, omit, sortKeysDeep, toFormatRef, withExtensions, type Obj } from './util.js';

const X = 'x-amazon-apigateway-';
/** Top-level keys that exist in one format only; dropped when exporting to the other. */
const OAS_ONLY = ['servers', 'components'];
const SWAGGER_ONLY = ['host', 'basePath', 'schemes', 'consumes', 'produces', 'parameters', 'responses', 'securityDefinitions', 'definitions'];

export function exportApi(api: Api, format: 'oas30' | 'swagger2'): Obj {
  const oas = format === 'oas30';
  const r = api.restApi;
  const ext = r.extensions ?? {};
  const components = isObject(ext.components) ? ext.components : {};
  const verbatimSchemes = (isObject(components.securitySchemes) ? components.securitySchemes : isObject(ext.securityDefinitions) ? ext.securityDefinitions : {}) as Obj;

  const kinds = new Map<string, SchemeKind>();
  for (const [name, s] of Object.entries(verbatimSchemes)) kinds.set(name, schemeKind(s));
  const securityNames = securityNamesOf(verbatimSchemes);
  kinds.set(securityNames.sigv4, 'sigv4');
  kinds.set(securityNames.apiKey, 'apiKey');
  for (const name of Object.keys(api.authorizers)) kinds.set(name, 'authorizer');
  const mediaTypes = (k: string) => (!oas && isStringArray(ext[k]) ? ext[k] : ['application/json']);
  const env: ExportEnv = { format, kinds, authorizers: api.authorizers, securityNames, rootHasSecurity: ext.security !== undefined, consumes: mediaTypes('consumes'), produces: mediaTypes('produces') };

  const doc: Obj = oas ? { openapi: '3.0.1' } : { swagger: '2.0' };
  const info: Obj = { title: r.name };
  if (r.description !== undefined) info.description = r.description;
  if (r.version !== undefined) info.version = r.version;
  doc.info = withExtensions(info, sortKeysDeep(ext.info) as Obj | undefined);
  for (const k of oas ? ['servers'] : ['host', 'basePath', 'schemes', 'consumes', 'produces']) if (ext[k] !== undefined) doc[k] = sortKeysDeep(ext[k]);

  const paths: Obj = {};
  const used = { sigv4: false, apiKey: false };
  for (const path of Object.keys(api.resources).sort()) {
    const res = api.resources[path];
    const item: Obj = {};
    for (const [key, httpMethod] of Object.entries(METHOD_KEYS)) {
      const m = res.resourceMethods[httpMethod];
      if (!m) continue;
      item[key === ANY_KEY ? ANY_KEY : key] = exportOperation(m, env);
      used.sigv4 ||= m.authorizationType === 'AWS_IAM';
      used.apiKey ||= m.apiKeyRequired === true;
    }
    for (const k of Object.keys(res.extensions ?? {}).sort()) if (!(k in item)) item[k] = sortKeysDeep(res.extensions![k]);
    paths[path] = item;
  }
  doc.paths = paths;

  const schemes: Obj = {};
  for (const name of Object.keys(api.authorizers)) schemes[name] = exportAuthorizer(api.authorizers[name]);
  for (const [name, s] of Object.entries(verbatimSchemes)) schemes[name] ??= s;
  if (used.sigv4 && !(securityNames.sigv4 in schemes)) schemes[securityNames.sigv4] = DEFAULT_SCHEMES.sigv4;
  if (used.apiKey && !(securityNames.apiKey in schemes)) schemes[securityNames.apiKey] = DEFAULT_SCHEMES.api_key;
  const models: Obj = {};
  for (const name of Object.keys(api.models).sort()) models[name] = api.models[name].schema;
  if (oas) {
    const comp: Obj = { ...omit(components, ['securitySchemes']) };
    if (nonEmpty(models)) comp.schemas = models;
    if (nonEmpty(schemes)) comp.securitySchemes = schemes;
    if (nonEmpty(comp)) doc.components = sortKeysDeep(comp);
  } else {
    if (nonEmpty(models)) doc.definitions = sortKeysDeep(models);
    if (nonEmpty(schemes)) doc.securityDefinitions = sortKeysDeep(schemes);
  }

  const top: Obj = {};
  if (r.binaryMediaTypes) top[`${X}binary-media-types`] = r.binaryMediaTypes;
  if (r.minimumCompressionSize !== undefined) top[`${X}minimum-compression-size`] = r.minimumCompressionSize;
  if (r.apiKeySource) top[`${X}api-key-source`] = r.apiKeySource;
  if (r.policy !== undefined) top[`${X}policy`] = r.policy;
  if (r.endpointConfiguration) top[`${X}endpoint-configuration`] = r.endpointConfiguration;
  if (nonEmpty(api.requestValidators)) {
    const v: Obj = {};
    for (const [name, rv] of Object.entries(api.requestValidators)) v[name] = withExtensions({ validateRequestBody: rv.validateRequestBody, validateRequestParameters: rv.validateRequestParameters }, rv.extensions);
    top[`${X}request-validators`] = v;
  }
  if (r.requestValidatorId !== undefined) top[`${X}request-validator`] = r.requestValidatorId;
  if (nonEmpty(api.gatewayResponses)) {
    const g: Obj = {};
    for (const [type, gr] of Object.entries(api.gatewayResponses)) {
      const o: Obj = {};
      if (gr.statusCode !== undefined) o.statusCode = gr.statusCode;
      if (gr.responseParameters) o.responseParameters = gr.responseParameters;
      if (gr.responseTemplates) o.responseTemplates = gr.responseTemplates;
      g[type] = withExtensions(o, gr.extensions);
    }
    top[`${X}gateway-responses`] = g;
  }
  const rest = omit(ext, ['info', ...OAS_ONLY, ...SWAGGER_ONLY]);
  const merged = withExtensions(top, rest);
  for (const k of Object.keys(merged).sort()) doc[k] = sortKeysDeep(merged[k]);
  return oas ? doc : (mapRefs(doc, (ref) => toFormatRef(ref, 'swagger2')) as Obj);
}
