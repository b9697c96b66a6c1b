import type { Stage } from './types.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';
import { CACHE_CLUSTER_SIZES } from './stageRules.js';
import { applyMethodSetting, cannotRemove, isWholeEntryPath, METHOD_SETTING_PATHS, removeMethodSettingEntry } from './methodSettings.js';
import { unescapePointer } from '../utils/jsonPointer.js';

export { METHOD_SETTING_PATHS } from './methodSettings.js';

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

export { escapePointer, unescapePointer } from '../utils/jsonPointer.js';


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

/** The paths UpdateStage accepts, as API Gateway lists them when it rejects a path. */
export const STAGE_UPDATE_PATHS: readonly string[] = [
  '/deploymentId',
  '/description',
  '/cacheClusterEnabled',
  '/cacheClusterSize',
  '/clientCertificateId',
  '/tracingEnabled',
  '/variables/{name}',
  '/accessLogSettings',
  '/accessLogSettings/destinationArn',
  '/accessLogSettings/format',
  '/canarySettings',
  '/canarySettings/percentTraffic',
  '/canarySettings/deploymentId',
  '/canarySettings/stageVariableOverrides/{name}',
  '/canarySettings/useStageCache',
  ...Object.keys(METHOD_SETTING_PATHS).map((k) => `/{resourcePath}/{httpMethod}/${k}`),
  ...Object.keys(METHOD_SETTING_PATHS).map((k) => `/*/*/${k}`),
];

/**
 * API Gateway's list of UpdateStage paths, verbatim as its "Invalid method setting path"
 * error spells it (recorded on AWS, including its missing commas).
 */
export const AWS_STAGE_PATHS_TEXT =
  '[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, ' +
  '/{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, ' +
  '/{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, ' +
  '/{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, ' +
  '/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, ' +
  '/*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, ' +
  '/*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled]';

function invalidPath(op: PatchOperation): never {
  return bad(`Invalid method setting path: ${op.path}. Must be one of: ${AWS_STAGE_PATHS_TEXT}`, op);
}
function invalidOp(op: PatchOperation): never {
  return bad(`Invalid ${op.op} operation with path: ${op.path}`, op);
}

/**
 * Applies UpdateStage patch operations to a copy of `stage` and returns it, with API
 * Gateway's semantics: variables, deploymentId, description, cache cluster, client
 * certificate, tracing, access log settings, canary settings (a first canary patch creates
 * the canary with API Gateway's defaults: the stage's deployment, 0 %, no stage cache),
 * the promotion copies (`copy` from /canarySettings/deploymentId to /deploymentId and from
 * /canarySettings/stageVariableOverrides to /variables), and method settings under
 * /{~1-escaped resource path}/{METHOD}/{group}/{key} or /*\/*\/... . Paths and
 * operations it does not take throw InvalidParameterError with API Gateway's wording;
 * values are range-checked by assertStage, which callers run on the result.
 *
 * @example
 * const next = applyPatchOperations(stage, [
 *   { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
 *   { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
 *   { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
 * ]); // promotes the canary
 */
export function applyPatchOperations(stage: Stage, ops: PatchOperation[]): Stage {
  const next: Stage = structuredClone(stage);
  for (const op of ops) applyOne(next, op);
  return next;
}

function setOrRemove<T extends object, K extends keyof T>(obj: T, key: K, op: PatchOperation, value: () => T[K]): void {
  if (op.op === 'remove') delete obj[key];
  else if (op.op === 'replace' || op.op === 'add') obj[key] = value();
  else invalidOp(op);
}

/** Sets an own property even for names like "__proto__" (valid stage variable names). */
function setOwn(obj: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function replaceOnly(op: PatchOperation): void {
  if (op.op !== 'replace') invalidOp(op);
}

const COPY_PAIRS: Record<string, string> = { '/deploymentId': '/canarySettings/deploymentId', '/variables': '/canarySettings/stageVariableOverrides' };

/** The promotion copies, the only `copy` operations UpdateStage takes. */
function applyCopy(stage: Stage, op: PatchOperation): void {
  if (COPY_PAIRS[op.path] !== op.from) {
    bad(
      `Invalid copy operation with path: ${op.path} and from ${op.from}. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]`,
      op,
    );
  }
  const canary = stage.canarySettings;
  if (!canary) bad('Promotion not available. Canary does not exist.', op);
  if (op.path === '/deploymentId') {
    if (canary!.deploymentId) stage.deploymentId = canary!.deploymentId;
  } else if (canary!.stageVariableOverrides && Object.keys(canary!.stageVariableOverrides).length) {
    stage.variables = { ...stage.variables, ...canary!.stageVariableOverrides };
  }
}

/** A canary created by a patch gets API Gateway's defaults. */
function canaryOf(stage: Stage) {
  return (stage.canarySettings ??= { deploymentId: stage.deploymentId, percentTraffic: 0, useStageCache: false });
}

function applyOne(stage: Stage, op: PatchOperation): void {
  if (typeof op !== 'object' || op === null || typeof op.path !== 'string' || !op.path.startsWith('/')) {
    throw new InvalidParameterError(`Invalid patch path '${(op as PatchOperation | null)?.path}'`, { path: (op as PatchOperation | null)?.path, value: undefined });
  }
  if (!['add', 'remove', 'replace', 'move', 'copy', 'test'].includes(op.op)) bad(`Invalid patch operation specified. Must be one of: [add, remove, replace, copy]`, op);
  if (op.op === 'copy') return applyCopy(stage, op);
  if (op.op === 'move' || op.op === 'test') invalidOp(op);
  const parts = op.path.slice(1).split('/');
  const head = parts[0];
  if (head === 'variables' && parts.length === 2 && parts[1] !== '') {
    const vars = (stage.variables ??= {});
    const name = unescapePointer(parts[1]!);
    if (op.op === 'remove') delete vars[name];
    else setOwn(vars, name, needValue(op));
    if (Object.keys(vars).length === 0) delete stage.variables;
    return;
  }
  if (parts.length === 1) {
    switch (head) {
      case 'deploymentId':
        replaceOnly(op);
        stage.deploymentId = needValue(op);
        return;
      case 'description':
        return setOrRemove(stage, 'description', op, () => needValue(op));
      case 'cacheClusterEnabled':
        replaceOnly(op);
        stage.cacheClusterEnabled = toBool(op);
        return;
      case 'cacheClusterSize':
        replaceOnly(op);
        if (!(CACHE_CLUSTER_SIZES as readonly string[]).includes(needValue(op))) {
          bad(`Invalid cache cluster size '${op.value}': one of ${CACHE_CLUSTER_SIZES.join(', ')}`, op);
        }
        stage.cacheClusterSize = op.value;
        return;
      case 'clientCertificateId':
        return setOrRemove(stage, 'clientCertificateId', op, () => needValue(op));
      case 'tracingEnabled':
        replaceOnly(op);
        stage.tracingEnabled = toBool(op);
        return;
      case 'webAclArn':
        return setOrRemove(stage, 'webAclArn', op, () => needValue(op));
      case 'accessLogSettings':
        if (op.op !== 'remove') invalidOp(op);
        delete stage.accessLogSettings;
        return;
      case 'canarySettings':
        if (op.op === 'replace') invalidPath(op);
        if (op.op !== 'remove') invalidOp(op);
        delete stage.canarySettings;
        return;
    }
  }
  if (head === 'accessLogSettings') return applyAccessLog(stage, op, parts);
  if (head === 'canarySettings') return applyCanary(stage, op, parts);
  if (op.op === 'remove' && isWholeEntryPath(parts)) return removeMethodSettingEntry(stage, op, parts);
  if (parts.length >= 4) return applyMethodSetting(stage, op, parts, () => invalidPath(op));
  invalidPath(op);
}

/**
 * /accessLogSettings/destinationArn and /format, replace only (a single field cannot be
 * removed: remove /accessLogSettings), never empty; the format must log the request id.
 */
function applyAccessLog(stage: Stage, op: PatchOperation, parts: string[]): void {
  const field = parts[1];
  if (parts.length !== 2 || (field !== 'format' && field !== 'destinationArn')) {
    bad('Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]', op);
  }
  if (op.op === 'remove') cannotRemove(`accessLogSettings/${field}`, op);
  if (op.op !== 'replace' && op.op !== 'add') invalidOp(op);
  if (!op.value) bad('Access Log value must not be empty', op);
  if (field === 'format' && !/\$\{?context\.(requestId|extendedRequestId)\b/.test(op.value!)) {
    bad('Access Log format must contain $context.requestId or $context.extendedRequestId', op);
  }
  (stage.accessLogSettings ??= {})[field] = op.value!;
}

function applyCanary(stage: Stage, op: PatchOperation, parts: string[]): void {
  const key = parts[1];
  // API Gateway removes the canary only whole (remove /canarySettings) or one override at a time.
  if (op.op === 'remove' && !(key === 'stageVariableOverrides' && parts.length === 3 && parts[2] !== '')) cannotRemove(parts.join('/'), op);
  if (key === 'stageVariableOverrides' && parts.length === 3 && parts[2] !== '') {
    // AWS documents replace and remove per override (update-canary-deployment).
    if (op.op === 'add') invalidOp(op);
    const canary = canaryOf(stage);
    const o = (canary.stageVariableOverrides ??= {});
    const name = unescapePointer(parts[2]!);
    if (op.op === 'remove') delete o[name];
    else setOwn(o, name, needValue(op));
    if (Object.keys(o).length === 0) delete canary.stageVariableOverrides;
    return;
  }
  if (op.op === 'add' && parts.length === 2) invalidOp(op);
  if (parts.length !== 2 || !['percentTraffic', 'deploymentId', 'useStageCache'].includes(key!)) invalidPath(op);
  replaceOnly(op);
  const canary = canaryOf(stage);
  if (key === 'percentTraffic') canary.percentTraffic = toNumber(op, false);
  else if (key === 'deploymentId') canary.deploymentId = needValue(op);
  else canary.useStageCache = toBool(op);
}
