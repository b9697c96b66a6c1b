/**
 * Request bodies and responses <-> requestModels / methodResponses (internal). Media types
 * whose schema is exactly a model `$ref` become model references; everything else about a
 * body or response stays in extensions in OpenAPI 3 shape (`content`, `headers`).
 */
import type { Extensions, MethodResponse } from '../models/types.js';
import { invalid, type ImportContext } from './context.js';
import { fromDetail, toDetail } from './params.js';
import { isObject, modelRef, modelRefName, nonEmpty, omit, ptr, type Obj } from './util.js';

export interface ContentImport {
  models: Record<string, string>;
  content: Record<string, Obj>;
}

/** OpenAPI 3 `content` map, or a Swagger 2 `schema` repeated for each media type. */
export function importContent(raw: Obj, ctx: ImportContext, at: string, mediaTypes: string[]): ContentImport {
  const out: ContentImport = { models: {}, content: {} };
  if (ctx.format === 'swagger2') {
    if (raw.schema === undefined) return out;
    const model = modelRefName(raw.schema);
    for (const ct of mediaTypes) {
      if (model) out.models[ct] = model;
      else out.content[ct] = { schema: raw.schema };
    }
    return out;
  }
  if (raw.content === undefined) return out;
  if (!isObject(raw.content)) throw invalid(ctx, ptr(at, 'content'), 'content must be an object');
  for (const [ct, media] of Object.entries(raw.content)) {
    if (!isObject(media)) throw invalid(ctx, ptr(at, 'content', ct), 'media type must be an object');
    const model = modelRefName(media.schema);
    if (model) {
      out.models[ct] = model;
      const rest = nonEmpty(omit(media, ['schema']));
      if (rest) out.content[ct] = rest;
    } else out.content[ct] = media;
  }
  return out;
}

/** Media types of a body/response: model references merged with verbatim content, sorted. */
export function exportContent(models: Record<string, string> | undefined, content: unknown, format: 'oas30' | 'swagger2'): Record<string, Obj> {
  const extra = (isObject(content) ? content : {}) as Record<string, Obj>;
  const out: Record<string, Obj> = {};
  for (const ct of [...new Set([...Object.keys(models ?? {}), ...Object.keys(extra)])].sort()) {
    const model = models?.[ct];
    out[ct] = { ...(isObject(extra[ct]) ? extra[ct] : {}), ...(model ? { schema: modelRef(model, format) } : {}) };
  }
  return out;
}

/** Swagger 2 single schema of a body/response: the first media type's schema. */
export function firstSchema(content: Record<string, Obj>): unknown {
  for (const media of Object.values(content)) if (media.schema !== undefined) return media.schema;
  return undefined;
}

/** One OpenAPI response -> MethodResponse. */
export function importResponse(code: string, raw: unknown, ctx: ImportContext, at: string, produces: string[]): MethodResponse {
  if (!isObject(raw)) throw invalid(ctx, at, 'response must be an object');
  const mr: MethodResponse = { statusCode: code };
  const ext: Obj = omit(raw, ['headers', 'content', 'schema']);
  if (raw.headers !== undefined) {
    if (!isObject(raw.headers)) throw invalid(ctx, ptr(at, 'headers'), 'headers must be an object');
    const params: Record<string, boolean> = {};
    const details: Obj = {};
    for (const [name, h] of Object.entries(raw.headers)) {
      if (!isObject(h)) throw invalid(ctx, ptr(at, 'headers', name), 'header must be an object');
      params[`method.response.header.${name}`] = h.required === true;
      const d = toDetail(h, ctx.format, ['required']);
      if (d) details[name] = d;
    }
    if (nonEmpty(params)) mr.responseParameters = params;
    if (nonEmpty(details)) ext.headers = details;
  }
  const c = importContent(raw, ctx, at, produces);
  if (nonEmpty(c.models)) mr.responseModels = c.models;
  if (nonEmpty(c.content)) ext.content = c.content;
  if (nonEmpty(ext)) mr.extensions = ext;
  return mr;
}

const OAS_ONLY = ['links'];
const SWAGGER_ONLY = ['examples'];

/** MethodResponse -> OpenAPI response object of `format`. */
export function exportResponse(mr: MethodResponse, format: 'oas30' | 'swagger2'): Obj {
  const ext: Extensions = mr.extensions ?? {};
  const out: Obj = omit(ext, ['headers', 'content', ...(format === 'oas30' ? SWAGGER_ONLY : OAS_ONLY)]);
  const details = (isObject(ext.headers) ? ext.headers : {}) as Record<string, Obj>;
  const headers: Obj = {};
  for (const key of Object.keys(mr.responseParameters ?? {}).sort()) {
    const name = /^method\.response\.header\.(.+)$/.exec(key)?.[1];
    if (!name) continue;
    headers[name] = { ...(mr.responseParameters![key] ? { required: true } : {}), ...fromDetail(details[name], format) };
  }
  if (nonEmpty(headers)) out.headers = headers;
  const content = exportContent(mr.responseModels, ext.content, format);
  if (format === 'oas30') {
    if (nonEmpty(content)) out.content = content;
  } else {
    const schema = firstSchema(content);
    if (schema !== undefined) out.schema = schema;
  }
  return out;
}
