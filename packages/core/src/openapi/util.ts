/** Small shared helpers of the OpenAPI importer/exporter (internal). */
import type { Extensions } from '../models/types.js';
import { escapePointer as escapeToken, unescapePointer as unescapeToken } from '../utils/jsonPointer.js';

export type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isStringMap(v: unknown): v is Record<string, string> {
  return isObject(v) && Object.values(v).every((x) => typeof x === 'string');
}

export function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

export { escapePointer as escapeToken, unescapePointer as unescapeToken } from '../utils/jsonPointer.js';

/** `#/a/b` + ['c', 'd/e'] -> `#/a/b/c/d~1e` */
export function ptr(base: string, ...tokens: (string | number)[]): string {
  return [base, ...tokens.map((t) => escapeToken(String(t)))].join('/');
}

/** Copy of `obj` without `keys` (own enumerable keys only). */
export function omit(obj: Obj, keys: readonly string[]): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(obj)) if (!keys.includes(k)) out[k] = v;
  return out;
}

/** Returns the object when it has keys, else undefined (so empty extensions are dropped). */
export function nonEmpty<T extends object>(obj: T | undefined): T | undefined {
  return obj && Object.keys(obj).length > 0 ? obj : undefined;
}

/** Sets `obj[key] = value` only when value is not undefined (keeps optional fields absent). */
export function setIf<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) obj[key] = value;
}

/** Deep copy with object keys sorted, for deterministic output: canonical JSON's one key sort. */
export { sortKeys as sortKeysDeep } from '../utils/canonicalJson.js';

export { deepEqual } from '../utils/deepEqual.js';

/**
 * What `JSON.parse(JSON.stringify(value))` returns, without the text in between: a copy
 * that shares no objects, without `undefined` members (null in arrays), non-finite numbers
 * as null.
 */
export function jsonCopy(value: unknown): unknown {
  // JSON has no -0 (JSON.stringify(-0) is "0"): a stored model never holds one.
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = value[i] === undefined ? null : jsonCopy(value[i]);
    return out;
  }
  const out: Obj = {};
  for (const k of Object.keys(value)) {
    const v = (value as Obj)[k];
    if (v !== undefined && typeof v !== 'function') out[k] = typeof v === 'object' || typeof v === 'number' ? jsonCopy(v) : v;
  }
  return out;
}

/** Rewrites every `$ref` string under `value` with `fn` (returns a new value). */
export function mapRefs(value: unknown, fn: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapRefs(v, fn));
  if (!isObject(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === '$ref' && typeof v === 'string' ? fn(v) : mapRefs(v, fn);
  return out;
}

export const OAS_MODEL_PREFIX = '#/components/schemas/';
export const SWAGGER_MODEL_PREFIX = '#/definitions/';

/** Canonical (model) form of a schema `$ref`: `#/definitions/X` becomes `#/components/schemas/X`. */
export function toCanonicalRef(ref: string): string {
  return ref.startsWith(SWAGGER_MODEL_PREFIX) ? OAS_MODEL_PREFIX + ref.slice(SWAGGER_MODEL_PREFIX.length) : ref;
}

export function toFormatRef(ref: string, format: 'oas30' | 'swagger2'): string {
  if (format === 'swagger2' && ref.startsWith(OAS_MODEL_PREFIX)) return SWAGGER_MODEL_PREFIX + ref.slice(OAS_MODEL_PREFIX.length);
  return ref;
}

const APIGW_MODEL_URL = /^https:\/\/apigateway\.amazonaws\.com\/restapis\/[^/]+\/models\/([^/]+)$/;

/** Name of the model a schema refers to when the schema is exactly `{ $ref: <model> }`, else undefined. */
export function modelRefName(schema: unknown): string | undefined {
  if (!isObject(schema) || Object.keys(schema).length !== 1 || typeof schema.$ref !== 'string') return undefined;
  const ref = toCanonicalRef(schema.$ref);
  if (ref.startsWith(OAS_MODEL_PREFIX)) {
    const rest = ref.slice(OAS_MODEL_PREFIX.length);
    return rest.includes('/') ? undefined : unescapeToken(rest);
  }
  return APIGW_MODEL_URL.exec(ref)?.[1];
}

export function modelRef(name: string, format: 'oas30' | 'swagger2'): { $ref: string } {
  return { $ref: (format === 'swagger2' ? SWAGGER_MODEL_PREFIX : OAS_MODEL_PREFIX) + escapeToken(name) };
}

/**
 * Merges verbatim extensions into a generated object. Generated keys win; an object the
 * importer consumed partly (its residual kept under the same key) is merged back recursively.
 */
export function withExtensions(generated: Obj, ext: Extensions | undefined): Obj {
  const out: Obj = { ...generated };
  for (const [k, v] of Object.entries(ext ?? {})) {
    const g = out[k];
    if (g === undefined) out[k] = v;
    else if (isObject(g) && isObject(v)) out[k] = withExtensions(g, v);
  }
  return out;
}
