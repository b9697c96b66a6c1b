import type { MethodSetting, Stage } from './types.js';
import type { PatchOperation } from './patchOperations.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';
import { DEFAULT_BURST_LIMIT, DEFAULT_RATE_LIMIT } from './stageRules.js';

/** The ten method-setting patch keys -> MethodSetting field and value type. */
export const METHOD_SETTING_PATHS: Record<string, [keyof MethodSetting, 'bool' | 'int' | 'number' | 'string']> = {
  'metrics/enabled': ['metricsEnabled', 'bool'],
  'logging/loglevel': ['loggingLevel', 'string'],
  'logging/dataTrace': ['dataTraceEnabled', 'bool'],
  'throttling/burstLimit': ['throttlingBurstLimit', 'int'],
  'throttling/rateLimit': ['throttlingRateLimit', 'number'],
  'caching/enabled': ['cachingEnabled', 'bool'],
  'caching/ttlInSeconds': ['cacheTtlInSeconds', 'int'],
  'caching/dataEncrypted': ['cacheDataEncrypted', 'bool'],
  'caching/requireAuthorizationForCacheControl': ['requireAuthorizationForCacheControl', 'bool'],
  'caching/unauthorizedCacheControlHeaderStrategy': ['unauthorizedCacheControlHeaderStrategy', 'string'],
};

/**
 * What API Gateway fills into a method-setting entry the first time a patch creates it
 * (recorded on AWS: every field but loggingLevel). A new per-method entry starts from the
 * `*\/*` entry's values instead, when there is one.
 *
 * @example
 * DEFAULT_METHOD_SETTING.cacheTtlInSeconds; // 300
 */
export const DEFAULT_METHOD_SETTING: Readonly<MethodSetting> = {
  metricsEnabled: false,
  dataTraceEnabled: false,
  throttlingBurstLimit: DEFAULT_BURST_LIMIT,
  throttlingRateLimit: DEFAULT_RATE_LIMIT,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
};

function bad(message: string, op: PatchOperation): never {
  throw new InvalidParameterError(message, { path: op.path, value: op.value });
}

const METHOD = /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|ANY)$/;

/** "Cannot remove method setting <key> because ..." as API Gateway words it (trailing space included). */
export function cannotRemove(key: string, op: PatchOperation): never {
  return bad(`Cannot remove method setting ${key} because there is no method setting for this method `, op);
}

/** The methodSettings key of `/{~1-escaped resource}/{METHOD}` path parts, or of `*`/`*`. */
function settingKey(resourceParts: string[], method: string, op: PatchOperation): string {
  const raw = resourceParts.join('/');
  if (method !== '*' && !METHOD.test(method)) bad(`Invalid HTTP method '${method}' in ${op.path}`, op);
  const resource = raw === '*' ? '*' : raw.replace(/~1/g, '/').replace(/~0/g, '~').replace(/^\//, '');
  if ((resource === '*') !== (method === '*')) bad(`Invalid method setting path '${op.path}': use /*/*/... or /{resource path}/{METHOD}/...`, op);
  return `${resource}/${method}`;
}

/** `remove /*\/*` or `remove /{resource}/{METHOD}`: the whole entry (how Terraform deletes aws_api_gateway_method_settings). */
export function isWholeEntryPath(parts: string[]): boolean {
  const last = parts[parts.length - 1]!;
  return parts.length >= 2 && (last === '*' ? parts.length === 2 && parts[0] === '*' : METHOD.test(last));
}

export function removeMethodSettingEntry(stage: Stage, op: PatchOperation, parts: string[]): void {
  const key = settingKey(parts.slice(0, -1), parts[parts.length - 1]!, op);
  if (!stage.methodSettings?.[key]) cannotRemove(key, op);
  delete stage.methodSettings![key];
}

/** Terraform's "unset" for throttling limits: -1 (also written -1.000000). */
function isUnset(value: string | undefined): boolean {
  return value !== undefined && /^-1(\.0+)?$/.test(value.trim());
}

function parseValue(op: PatchOperation, kind: 'bool' | 'int' | 'number' | 'string'): string | number | boolean {
  const v = op.value;
  if (v === undefined) bad(`Patch operation ${op.op} ${op.path} needs a value`, op);
  if (kind === 'string') return v!;
  if (kind === 'bool') {
    if (v === 'true' || v === 'false') return v === 'true';
    bad(`Invalid boolean value '${v}' for ${op.path}`, op);
  }
  if (/throttling\//.test(op.path) && isUnset(v)) return -1;
  const n = Number(v);
  if (v!.trim() === '' || !Number.isFinite(n) || (kind === 'int' && !Number.isInteger(n))) bad(`Invalid ${kind === 'int' ? 'integer' : 'number'} value '${v}' for ${op.path}`, op);
  return n;
}

/**
 * One `/{resource}/{METHOD}/{group}/{key}` patch operation. The first patch of an entry
 * creates it filled as API Gateway does; `remove` of one field puts its default back.
 */
export function applyMethodSetting(stage: Stage, op: PatchOperation, parts: string[], invalidPath: () => never): void {
  const setting = METHOD_SETTING_PATHS[`${parts[parts.length - 2]}/${parts[parts.length - 1]}`];
  if (!setting) invalidPath();
  const key = settingKey(parts.slice(0, parts.length - 3), parts[parts.length - 3]!, op);
  const settings = (stage.methodSettings ??= {});
  if (op.op === 'remove' && !settings[key]) cannotRemove(key, op);
  const ms: MethodSetting = (settings[key] ??= { ...DEFAULT_METHOD_SETTING, ...(key === '*/*' ? {} : settings['*/*']) });
  const [field, kind] = setting!;
  const values = ms as Record<string, unknown>;
  if (op.op === 'remove') {
    if (field in DEFAULT_METHOD_SETTING) values[field] = DEFAULT_METHOD_SETTING[field];
    else delete values[field];
  } else values[field] = parseValue(op, kind);
}
