import type { CanarySettings, MethodSetting, Stage } from './types.js';
import { escapePointer, METHOD_SETTING_PATHS, type PatchOperation } from './patchOperations.js';
import { DEFAULT_METHOD_SETTING } from './methodSettings.js';

const replace = (path: string, value: unknown): PatchOperation => ({ op: 'replace', path, value: String(value) });
const remove = (path: string): PatchOperation => ({ op: 'remove', path });

/** Ops that turn map `a` into map `b` under `prefix` (one replace or remove per key). */
function diffMap(prefix: string, a: Record<string, string> | undefined, b: Record<string, string> | undefined): PatchOperation[] {
  const ops: PatchOperation[] = [];
  for (const k of Object.keys(a ?? {}).sort()) if (!(b && Object.hasOwn(b, k))) ops.push(remove(`${prefix}/${escapePointer(k)}`));
  for (const [k, v] of Object.entries(b ?? {}).sort(([x], [y]) => (x < y ? -1 : 1))) if (!a || !Object.hasOwn(a, k) || a[k] !== v) ops.push(replace(`${prefix}/${escapePointer(k)}`, v));
  return ops;
}

/** "pets/{petId}/GET" -> "/~1pets~1{petId}/GET", "*\/*" -> "/*\/*". */
export function methodSettingPath(key: string): string {
  if (key === '*/*') return '/*/*';
  const slash = key.lastIndexOf('/');
  return `/${escapePointer('/' + key.slice(0, slash))}/${key.slice(slash + 1)}`;
}

const FIELD_TO_PATH = new Map(Object.entries(METHOD_SETTING_PATHS).map(([path, [field]]) => [field as string, path]));

/**
 * Entries only in `a` are removed whole; an entry only in `b` starts as UpdateStage creates
 * it (API Gateway's defaults, over them the `*\/*` entry, which sorts and applies first); a
 * field `b` leaves out goes back to its default (remove).
 */
function diffMethodSettings(a: Record<string, MethodSetting> = {}, b: Record<string, MethodSetting> = {}): PatchOperation[] {
  const ops: PatchOperation[] = [];
  const defaults = DEFAULT_METHOD_SETTING as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (!b[key]) {
      ops.push(remove(methodSettingPath(key)));
      continue;
    }
    const before = ops.length;
    const from = (a[key] ?? { ...DEFAULT_METHOD_SETTING, ...(key === '*/*' ? {} : b['*/*']) }) as Record<string, unknown>;
    const to = b[key] as Record<string, unknown>;
    // Replaces first: a remove cannot be the op that creates an entry.
    const removes: PatchOperation[] = [];
    for (const [field, path] of FIELD_TO_PATH) {
      const at = `${methodSettingPath(key)}/${path}`;
      const target = to[field] ?? defaults[field];
      if (target === undefined) {
        if (from[field] !== undefined) removes.push(remove(at));
      } else if (from[field] !== target) (to[field] === undefined ? removes : ops).push(to[field] === undefined ? remove(at) : replace(at, target));
    }
    if (removes.length && !a[key] && ops.length === before) ops.push(replace(`${methodSettingPath(key)}/metrics/enabled`, String(to.metricsEnabled ?? false)));
    ops.push(...removes);
  }
  return ops;
}

function diffCanary(a: CanarySettings | undefined, b: CanarySettings | undefined, aDeployment: string): PatchOperation[] {
  if (!b) return a ? [remove('/canarySettings')] : [];
  const ops: PatchOperation[] = [];
  // A canary created by a patch starts from API Gateway's defaults.
  let from: CanarySettings = a ?? { deploymentId: aDeployment, percentTraffic: 0, useStageCache: false };
  const lost = (['deploymentId', 'percentTraffic', 'useStageCache'] as const).some((k) => from[k] !== undefined && b[k] === undefined);
  if (a && lost) {
    ops.push(remove('/canarySettings'));
    from = { deploymentId: aDeployment, percentTraffic: 0, useStageCache: false };
  }
  if (b.deploymentId !== undefined && b.deploymentId !== from.deploymentId) ops.push(replace('/canarySettings/deploymentId', b.deploymentId));
  if (b.percentTraffic !== undefined && b.percentTraffic !== from.percentTraffic) ops.push(replace('/canarySettings/percentTraffic', b.percentTraffic));
  if (b.useStageCache !== undefined && b.useStageCache !== from.useStageCache) ops.push(replace('/canarySettings/useStageCache', b.useStageCache));
  const overrides = diffMap('/canarySettings/stageVariableOverrides', from.stageVariableOverrides, b.stageVariableOverrides);
  // A canary that differs only by being created needs one op to exist.
  if (!a && ops.length === 0 && overrides.length === 0) ops.push(replace('/canarySettings/percentTraffic', b.percentTraffic ?? 0));
  return [...ops, ...overrides];
}

/**
 * The UpdateStage patch operations that turn stage state `a` into `b`, so that
 * `applyPatchOperations(a, diffStages(a, b))` equals `b` apart from stageName,
 * createdDate and lastUpdatedDate. Settings UpdateStage cannot change are not diffed:
 * tags (TagResource), cacheClusterStatus, and unsetting cacheClusterSize (it can only be
 * replaced). A canary that lacks a field API Gateway always sets (deploymentId,
 * percentTraffic, useStageCache) cannot be reached field by field; it is removed and
 * recreated, which gives it those defaults.
 *
 * @example
 * const ops = diffStages(previous.stage, current.stage);
 * // [{ op: 'replace', path: '/deploymentId', value: '9f2c...' }, { op: 'remove', path: '/variables/debug' }]
 */
export function diffStages(a: Stage, b: Stage): PatchOperation[] {
  const ops: PatchOperation[] = [];
  if (a.deploymentId !== b.deploymentId) ops.push(replace('/deploymentId', b.deploymentId));
  if (a.description !== b.description) ops.push(b.description === undefined ? remove('/description') : replace('/description', b.description));
  if (a.cacheClusterEnabled !== b.cacheClusterEnabled) ops.push(replace('/cacheClusterEnabled', b.cacheClusterEnabled));
  if (b.cacheClusterSize !== undefined && a.cacheClusterSize !== b.cacheClusterSize) ops.push(replace('/cacheClusterSize', b.cacheClusterSize));
  if (a.clientCertificateId !== b.clientCertificateId) {
    ops.push(b.clientCertificateId === undefined ? remove('/clientCertificateId') : replace('/clientCertificateId', b.clientCertificateId));
  }
  if (a.tracingEnabled !== b.tracingEnabled) ops.push(replace('/tracingEnabled', b.tracingEnabled));
  if (a.webAclArn !== b.webAclArn) ops.push(b.webAclArn === undefined ? remove('/webAclArn') : replace('/webAclArn', b.webAclArn));
  ops.push(...diffMap('/variables', a.variables, b.variables));
  const al = a.accessLogSettings;
  const bl = b.accessLogSettings;
  // A single access log field cannot be removed: the settings go whole and come back.
  const lost = al && (!bl || (['destinationArn', 'format'] as const).some((k) => al[k] !== undefined && bl[k] === undefined));
  if (lost) ops.push(remove('/accessLogSettings'));
  if (bl) {
    for (const k of ['destinationArn', 'format'] as const) {
      if (bl[k] !== undefined && (lost || al?.[k] !== bl[k])) ops.push(replace(`/accessLogSettings/${k}`, bl[k]));
    }
  }
  ops.push(...diffMethodSettings(a.methodSettings, b.methodSettings));
  // Canary defaults take the stage's deployment at the time the op applies: after /deploymentId.
  ops.push(...diffCanary(a.canarySettings, b.canarySettings, b.deploymentId));
  return ops;
}

/**
 * A stage's settings flattened to UpdateStage patch paths -> values (what `stage diff`
 * lists): `/deploymentId`, `/variables/x`, `/~1pets/GET/caching/enabled`, `/canarySettings/percentTraffic`...
 *
 * @example
 * stageSettings(stage)['/variables/backend']; // 'http://127.0.0.1:9000'
 */
export function stageSettings(stage: Stage): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (path: string, v: unknown) => {
    if (v !== undefined) out[path] = String(v);
  };
  for (const k of ['deploymentId', 'description', 'cacheClusterEnabled', 'cacheClusterSize', 'clientCertificateId', 'tracingEnabled', 'webAclArn'] as const) put(`/${k}`, stage[k]);
  for (const [k, v] of Object.entries(stage.variables ?? {})) put(`/variables/${escapePointer(k)}`, v);
  put('/accessLogSettings/destinationArn', stage.accessLogSettings?.destinationArn);
  put('/accessLogSettings/format', stage.accessLogSettings?.format);
  for (const [key, ms] of Object.entries(stage.methodSettings ?? {})) {
    for (const [field, path] of FIELD_TO_PATH) put(`${methodSettingPath(key)}/${path}`, (ms as Record<string, unknown>)[field]);
  }
  const c = stage.canarySettings;
  if (c) {
    for (const k of ['deploymentId', 'percentTraffic', 'useStageCache'] as const) put(`/canarySettings/${k}`, c[k]);
    for (const [k, v] of Object.entries(c.stageVariableOverrides ?? {})) put(`/canarySettings/stageVariableOverrides/${escapePointer(k)}`, v);
  }
  return out;
}
