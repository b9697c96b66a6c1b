/**
 * Parameters and headers in a format-independent form (internal). The model keeps
 * `method.request.<loc>.<name>: required`; the rest of each parameter (description, schema,
 * examples, x- keys) is kept in `extensions.parameters["<in>.<name>"]`, OpenAPI 3 style
 * (`schema` nested), so it converts between OpenAPI 3 and Swagger 2. A plain string schema
 * is the default and is not stored.
 */
import type { Extensions } from '../models/types.js';
import { deepEqual, isObject, omit, type Obj } from './util.js';

const SWAGGER_SCHEMA_KEYS = ['type', 'format', 'items', 'default', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'enum', 'multipleOf'];
const DEFAULT_DETAIL = { schema: { type: 'string' } };

export const LOCATION_BY_IN: Record<string, string> = { path: 'path', query: 'querystring', header: 'header' };
export const IN_BY_LOCATION: Record<string, string> = { path: 'path', querystring: 'query', header: 'header' };

/** Parameter/header object -> canonical detail without `dropKeys`, or undefined when nothing beyond the default. */
export function toDetail(raw: Obj, format: 'oas30' | 'swagger2', dropKeys: readonly string[]): Obj | undefined {
  const rest = omit(raw, dropKeys);
  if (format === 'swagger2') {
    const schema: Obj = {};
    for (const k of SWAGGER_SCHEMA_KEYS) if (k in rest) { schema[k] = rest[k]; delete rest[k]; }
    if (Object.keys(schema).length > 0) rest.schema = schema;
  }
  if (Object.keys(rest).length === 0 || deepEqual(rest, DEFAULT_DETAIL)) return undefined;
  return rest;
}

/** Canonical detail -> the parameter/header fields of `format` (default string schema added). */
export function fromDetail(detail: Obj | undefined, format: 'oas30' | 'swagger2'): Obj {
  const d: Obj = { ...(detail ?? {}) };
  const schema = d.schema ?? (d.content ? undefined : { type: 'string' });
  if (format === 'oas30') return schema === undefined ? d : { ...d, schema };
  delete d.schema;
  return isObject(schema) ? { ...d, ...schema } : d;
}

export interface ParamImport {
  requestParameters: Record<string, boolean>;
  details: Record<string, Obj>;
  body?: Obj;
}

/** Effective parameters (operation overrides path item by in+name) -> model fields. */
export function importParameters(pathParams: unknown[], opParams: unknown[], format: 'oas30' | 'swagger2'): ParamImport {
  const byKey = new Map<string, Obj>();
  for (const p of [...pathParams, ...opParams]) if (isObject(p)) byKey.set(`${String(p.in)}.${String(p.name)}`, p);
  const out: ParamImport = { requestParameters: {}, details: {} };
  for (const [key, p] of byKey) {
    const loc = LOCATION_BY_IN[String(p.in)];
    if (p.in === 'body') out.body = p;
    else if (loc && typeof p.name === 'string') {
      out.requestParameters[`method.request.${loc}.${p.name}`] = p.required === true;
      const detail = toDetail(p, format, ['name', 'in', 'required']);
      if (detail) out.details[key] = detail;
    } else out.details[key] = omit(p, ['name', 'in']);
  }
  return out;
}

/** Model request parameters + stored details -> parameter objects of `format`. */
export function exportParameters(requestParameters: Record<string, boolean> | undefined, ext: Extensions | undefined, format: 'oas30' | 'swagger2'): Obj[] {
  const details = (isObject(ext?.parameters) ? ext.parameters : {}) as Record<string, Obj>;
  const order = ['path', 'querystring', 'header'];
  const params: Obj[] = [];
  const entries = Object.entries(requestParameters ?? {})
    .map(([key, required]) => ({ m: /^method\.request\.(path|querystring|header)\.(.+)$/.exec(key), required }))
    .filter((e) => e.m)
    .sort((a, b) => order.indexOf(a.m![1]) - order.indexOf(b.m![1]) || (a.m![2] < b.m![2] ? -1 : a.m![2] > b.m![2] ? 1 : 0));
  const used = new Set<string>();
  for (const { m, required } of entries) {
    const pin = IN_BY_LOCATION[m![1]];
    const key = `${pin}.${m![2]}`;
    used.add(key);
    const detail = isObject(details[key]) ? details[key] : undefined;
    params.push({ name: m![2], in: pin, ...(required ? { required: true } : {}), ...fromDetail(detail, format) });
  }
  for (const key of Object.keys(details).sort()) {
    if (used.has(key) || LOCATION_BY_IN[key.slice(0, key.indexOf('.'))]) continue;
    const dot = key.indexOf('.');
    params.push({ name: key.slice(dot + 1), in: key.slice(0, dot), ...details[key] });
  }
  return params;
}
