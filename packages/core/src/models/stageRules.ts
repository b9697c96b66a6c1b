import type { CanarySettings, MethodSetting, Stage } from './types.js';
import { assertStageName, assertVariableName, assertVariableValue } from './names.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';

export const CACHE_CLUSTER_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'] as const;
/** Default account-level limits API Gateway applies: 10,000 requests/s, burst 5,000 (the runtime's throttle uses them). */
export const DEFAULT_RATE_LIMIT = 10000;
export const DEFAULT_BURST_LIMIT = 5000;
export const MAX_VARIABLES = 100;
/** ThrottlingBurstLimit is a 32-bit integer in API Gateway's model. */
export const MAX_BURST_LIMIT = 2147483647;
export const MAX_TAGS = 50;

function bad(message: string, path: string, value: unknown): never {
  throw new InvalidParameterError(message, { path, value });
}

/** Validates one MethodSetting against API Gateway's ranges. */
export function assertMethodSetting(key: string, s: MethodSetting): void {
  const at = (field: string) => `/methodSettings/${key}/${field}`;
  if (s.cacheTtlInSeconds !== undefined && (!Number.isInteger(s.cacheTtlInSeconds) || s.cacheTtlInSeconds < 0 || s.cacheTtlInSeconds > 3600)) {
    bad(`cacheTtlInSeconds must be an integer from 0 to 3600 (got ${s.cacheTtlInSeconds}) at ${key}`, at('cacheTtlInSeconds'), s.cacheTtlInSeconds);
  }
  // -1 is "unset" (Terraform's default): the stage or account limit applies.
  const rate = s.throttlingRateLimit;
  if (rate !== undefined && rate !== -1 && (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0)) {
    bad(`throttlingRateLimit must be a number >= 0, or -1 for unset (got ${rate}) at ${key}`, at('throttlingRateLimit'), rate);
  }
  const burst = s.throttlingBurstLimit;
  if (burst !== undefined && burst !== -1 && (!Number.isInteger(burst) || burst < 0 || burst > MAX_BURST_LIMIT)) {
    bad(`throttlingBurstLimit must be an integer from 0 to ${MAX_BURST_LIMIT}, or -1 for unset (got ${burst}) at ${key}`, at('throttlingBurstLimit'), burst);
  }
  if (s.loggingLevel !== undefined && !['OFF', 'ERROR', 'INFO'].includes(s.loggingLevel)) {
    bad(`loggingLevel must be OFF, ERROR or INFO (got ${s.loggingLevel}) at ${key}`, at('loggingLevel'), s.loggingLevel);
  }
  if (
    s.unauthorizedCacheControlHeaderStrategy !== undefined &&
    !['FAIL_WITH_403', 'SUCCEED_WITH_RESPONSE_HEADER', 'SUCCEED_WITHOUT_RESPONSE_HEADER'].includes(s.unauthorizedCacheControlHeaderStrategy)
  ) {
    bad(`invalid unauthorizedCacheControlHeaderStrategy at ${key}`, at('unauthorizedCacheControlHeaderStrategy'), s.unauthorizedCacheControlHeaderStrategy);
  }
}

export function assertVariables(variables: Record<string, string> | undefined, where = '/variables'): void {
  if (!variables) return;
  const names = Object.keys(variables);
  if (names.length > MAX_VARIABLES) bad(`a stage can have at most ${MAX_VARIABLES} variables (got ${names.length})`, where, names.length);
  for (const name of names) {
    assertVariableName(name);
    // Valid for API Gateway, but utils/canonicalJson would drop it when the stage is stored.
    if (name === '__proto__') bad(`stage variable name '__proto__' is not supported by gitway`, `${where}/${name}`, name);
    assertVariableValue(name, variables[name]!);
  }
}

/** Validates a whole Stage record by API Gateway's rules; throws the first violation. */
export function assertStage(stage: Stage): void {
  assertStageName(stage.stageName);
  if (!/^[0-9a-f]{40}$/.test(stage.deploymentId ?? '')) bad(`stage ${stage.stageName} has no valid deploymentId`, '/deploymentId', stage.deploymentId);
  if (stage.description !== undefined && (typeof stage.description !== 'string' || stage.description.length > 1024)) {
    bad('description must be a string of at most 1024 characters', '/description', stage.description);
  }
  assertVariables(stage.variables);
  for (const [key, setting] of Object.entries(stage.methodSettings ?? {})) assertMethodSetting(key, setting);
  if (stage.cacheClusterSize !== undefined && !(CACHE_CLUSTER_SIZES as readonly string[]).includes(stage.cacheClusterSize)) {
    bad(`invalid cacheClusterSize ${stage.cacheClusterSize}: one of ${CACHE_CLUSTER_SIZES.join(', ')}`, '/cacheClusterSize', stage.cacheClusterSize);
  }
  if (stage.canarySettings) assertCanarySettings(stage.canarySettings);
  if (stage.tags !== undefined) assertTags(stage.tags);
  if (stage.documentationVersion !== undefined && (typeof stage.documentationVersion !== 'string' || stage.documentationVersion === '')) {
    bad('documentationVersion must be a non-empty string', '/documentationVersion', stage.documentationVersion);
  }
}

const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * Validates resource tags by API Gateway's rules: at most 50; keys 1-128 and values
 * 0-256 characters of letters, digits, spaces and `_ . : / = + - @`; keys may not start
 * with `aws:`.
 *
 * @example
 * assertTags({ team: 'pets', 'cost-center': '42' });
 */
export function assertTags(tags: Record<string, string>): void {
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAGS) bad(`a stage can have at most ${MAX_TAGS} tags (got ${keys.length})`, '/tags', keys.length);
  for (const key of keys) {
    const value = tags[key];
    if (key.length < 1 || key.length > 128 || !TAG_CHARS.test(key)) {
      bad(`invalid tag key '${key}': 1-128 letters, digits, spaces and _ . : / = + - @`, `/tags/${key}`, key);
    }
    if (key.toLowerCase().startsWith('aws:')) bad(`invalid tag key '${key}': the prefix aws: is reserved`, `/tags/${key}`, key);
    if (typeof value !== 'string' || value.length > 256 || !TAG_CHARS.test(value)) {
      bad(`invalid value for tag '${key}': at most 256 letters, digits, spaces and _ . : / = + - @`, `/tags/${key}`, value);
    }
  }
}

/**
 * Validates canary settings by API Gateway's rules: percentTraffic a number from 0.0 to
 * 100.0, deploymentId a deployment id, overrides valid stage variables.
 *
 * @example
 * assertCanarySettings({ percentTraffic: 10, stageVariableOverrides: { backend: 'http://127.0.0.1:9001' } });
 */
export function assertCanarySettings(canary: CanarySettings): void {
  const p = canary.percentTraffic;
  if (p !== undefined && (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 100)) {
    bad(`Canary percentTraffic must be between 0.0 and 100.0 (got ${p})`, '/canarySettings/percentTraffic', p);
  }
  if (canary.deploymentId !== undefined && !/^[0-9a-f]{40}$/.test(canary.deploymentId)) {
    bad('canarySettings.deploymentId is not a deployment id', '/canarySettings/deploymentId', canary.deploymentId);
  }
  if (canary.useStageCache !== undefined && typeof canary.useStageCache !== 'boolean') {
    bad('canarySettings.useStageCache must be true or false', '/canarySettings/useStageCache', canary.useStageCache);
  }
  assertVariables(canary.stageVariableOverrides, '/canarySettings/stageVariableOverrides');
}
