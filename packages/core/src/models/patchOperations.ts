import type { MethodSetting, Stage } from './types.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';
import { CACHE_CLUSTER_SIZES } from './stageRules.js';

/** An AWS PatchOperation as UpdateStage takes it. */
export interface PatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: string;
  from?: string;
}

function bad(message: string, op: PatchOperation): never {
  throw new InvalidParameterError(message, { path: op.path, value: op.value });
}

/**
 * Parses the AWS CLI shorthand "op=replace,path=/variables/url,value=http://x".
 * `value` is everything after "value=" (values may contain commas).
 */
export function parsePatchString(text: string): PatchOperation {
  const out: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const m = /^(op|path|value|from)=/.exec(rest);
    if (!m) throw new InvalidParameterError(`invalid patch operation '${text}': expected op=...,path=...[,value=...]`, { path: '', value: text });
    const key = m[1]!;
    rest = rest.slice(m[0].length);
    let val: string;
    if (key === 'value') {
      val = rest;
      rest = '';
    } else {
      const comma = rest.indexOf(',');
      val = comma === -1 ? rest : rest.slice(0, comma);
      rest = comma === -1 ? '' : rest.slice(comma + 1);
    }
    out[key] = val;
  }
  if (!out.op || !out.path) throw new InvalidParameterError(`invalid patch operation '${text}': op and path are required`, { path: '', value: text });
  if (!['add', 'remove', 'replace', 'move', 'copy', 'test'].includes(out.op)) {
    throw new InvalidParameterError(`invalid patch op '${out.op}' in '${text}'`, { path: out.path, value: text });
  }
  return out as unknown as PatchOperation;
}

/** "~1pets~1{petId}" -> "/pets/{petId}" (JSON pointer unescaping, as AWS uses). */
export function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}
export function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

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

function toBool(op: PatchOperation): boolean {
  if (op.value === 'true') return true;
  if (op.value === 'false') return false;
  return bad(`Invalid boolean value '${op.value}' for ${op.path}`, op);
}
function toNumber(op: PatchOperation, integer: boolean): number {
  const n = Number(op.value);
  if (op.value === undefined || op.value === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    return bad(`Invalid ${integer ? 'integer' : 'number'} value '${op.value}' for ${op.path}`, op);
  }
  return n;
}
function needValue(op: PatchOperation): string {
  if (op.value === undefined) bad(`Patch operation ${op.op} ${op.path} needs a value`, op);
  return op.value!;
}

/**
 * Applies UpdateStage patch operations to a copy of `stage` and returns it. Supports
 * every path UpdateStage takes (variables, deploymentId, description, cache cluster,
 * client certificate, tracing, access log settings, canary settings, method settings
 * under /<resource path>/<METHOD>/<group>/<key> with "*" wildcards). The result is not
 * validated here: callers run assertStage on it.
 */
export function applyPatchOperations(stage: Stage, ops: PatchOperation[]): Stage {
  const next: Stage = structuredClone(stage);
  for (const op of ops) applyOne(next, op);
  return next;
}

function setOrRemove<T extends object, K extends keyof T>(obj: T, key: K, op: PatchOperation, value: () => T[K]): void {
  if (op.op === 'remove') delete obj[key];
  else if (op.op === 'replace' || op.op === 'add') obj[key] = value();
  else bad(`Patch op '${op.op}' is not supported for ${op.path}`, op);
}

function applyOne(stage: Stage, op: PatchOperation): void {
  if (typeof op?.path !== 'string' || !op.path.startsWith('/')) bad(`Invalid patch path '${op?.path}'`, op);
  const parts = op.path.slice(1).split('/');
  const head = parts[0];
  if (head === 'variables' && parts.length === 2) {
    const vars = (stage.variables ??= {});
    const name = unescapePointer(parts[1]!);
    if (op.op === 'remove') delete vars[name];
    else if (op.op === 'replace' || op.op === 'add') vars[name] = needValue(op);
    else bad(`Patch op '${op.op}' is not supported for ${op.path}`, op);
    if (Object.keys(vars).length === 0) delete stage.variables;
    return;
  }
  if (parts.length === 1) {
    switch (head) {
      case 'deploymentId':
        if (op.op !== 'replace') bad(`Only replace is supported for /deploymentId`, op);
        stage.deploymentId = needValue(op);
        return;
      case 'description':
        return setOrRemove(stage, 'description', op, () => needValue(op));
      case 'cacheClusterEnabled':
        if (op.op !== 'replace') bad(`Only replace is supported for /cacheClusterEnabled`, op);
        stage.cacheClusterEnabled = toBool(op);
        return;
      case 'cacheClusterSize':
        if (op.op !== 'replace') bad(`Only replace is supported for /cacheClusterSize`, op);
        if (!(CACHE_CLUSTER_SIZES as readonly string[]).includes(needValue(op))) {
          bad(`Invalid cache cluster size '${op.value}': one of ${CACHE_CLUSTER_SIZES.join(', ')}`, op);
        }
        stage.cacheClusterSize = op.value;
        return;
      case 'clientCertificateId':
        return setOrRemove(stage, 'clientCertificateId', op, () => needValue(op));
      case 'tracingEnabled':
        if (op.op !== 'replace') bad(`Only replace is supported for /tracingEnabled`, op);
        stage.tracingEnabled = toBool(op);
        return;
      case 'webAclArn':
        return setOrRemove(stage, 'webAclArn', op, () => needValue(op));
      case 'accessLogSettings':
        if (op.op !== 'remove') bad(`Only remove is supported for /accessLogSettings`, op);
        delete stage.accessLogSettings;
        return;
      case 'canarySettings':
        if (op.op !== 'remove') bad(`Only remove is supported for /canarySettings`, op);
        delete stage.canarySettings;
        return;
    }
  }
  if (head === 'accessLogSettings' && parts.length === 2 && (parts[1] === 'format' || parts[1] === 'destinationArn')) {
    const settings = (stage.accessLogSettings ??= {});
    setOrRemove(settings, parts[1], op, () => needValue(op));
    if (Object.keys(settings).length === 0) delete stage.accessLogSettings;
    return;
  }
  if (head === 'canarySettings' && parts.length >= 2) {
    const canary = (stage.canarySettings ??= {});
    const key = parts[1];
    if (key === 'stageVariableOverrides' && parts.length === 3) {
      const o = (canary.stageVariableOverrides ??= {});
      const name = unescapePointer(parts[2]!);
      if (op.op === 'remove') delete o[name];
      else if (op.op === 'replace' || op.op === 'add') o[name] = needValue(op);
      else bad(`Patch op '${op.op}' is not supported for ${op.path}`, op);
      if (Object.keys(o).length === 0) delete canary.stageVariableOverrides;
      return;
    }
    if (parts.length === 2 && op.op === 'replace') {
      if (key === 'percentTraffic') return void (canary.percentTraffic = toNumber(op, false));
      if (key === 'deploymentId') return void (canary.deploymentId = needValue(op));
      if (key === 'useStageCache') return void (canary.useStageCache = toBool(op));
    }
    bad(`Invalid patch path '${op.path}'`, op);
  }
  // Method settings: /{resource path, "~1"-escaped or plain, or *}/{METHOD or *}/{group}/{key}.
  // Keys in stage.methodSettings are "{resource path without its leading /}/{METHOD}" and "*/*".
  if (parts.length >= 4) {
    const setting = METHOD_SETTING_PATHS[`${parts[parts.length - 2]}/${parts[parts.length - 1]}`];
    if (!setting) bad(`Invalid method setting path '${op.path}'`, op);
    const method = parts[parts.length - 3]!;
    const rawResource = parts.slice(0, parts.length - 3).join('/');
    if (method !== '*' && !/^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|ANY)$/.test(method)) bad(`Invalid HTTP method '${method}' in ${op.path}`, op);
    const resource = rawResource === '*' ? '*' : unescapePointer(rawResource).replace(/^\//, '');
    if ((resource === '*') !== (method === '*')) bad(`Invalid method setting path '${op.path}': use /*/*/... or /{resource path}/{METHOD}/...`, op);
    const key = `${resource}/${method}`;
    const settings = (stage.methodSettings ??= {});
    const ms: MethodSetting = (settings[key] ??= {});
    const [field, kind] = setting!;
    if (op.op === 'remove') delete ms[field];
    else if (op.op === 'replace' || op.op === 'add') {
      const value = kind === 'bool' ? toBool(op) : kind === 'int' ? toNumber(op, true) : kind === 'number' ? toNumber(op, false) : needValue(op);
      (ms as Record<string, unknown>)[field] = value;
    } else bad(`Patch op '${op.op}' is not supported for ${op.path}`, op);
    if (Object.keys(ms).length === 0) delete settings[key];
    if (Object.keys(settings).length === 0) delete stage.methodSettings;
    return;
  }
  bad(`Invalid patch path '${op.path}'`, op);
}
