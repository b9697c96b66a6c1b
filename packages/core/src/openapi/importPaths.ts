/** `paths` -> Resources, with path, duplicate-operation and operationId checks (internal). */
import type { HttpMethod, Resource } from '../models/types.js';
import { invalid, type ImportContext } from './context.js';
import { importOperation, type OperationEnv } from './importOperation.js';
import { normalizePath } from './normalizePath.js';
import { isObject, nonEmpty, omit, ptr } from './util.js';

export const ANY_KEY = 'x-amazon-apigateway-any-method';
export const METHOD_KEYS: Record<string, HttpMethod> = {
  get: 'GET', post: 'POST', put: 'PUT', delete: 'DELETE', patch: 'PATCH', head: 'HEAD', options: 'OPTIONS', [ANY_KEY]: 'ANY',
};

export function importPaths(paths: unknown, env: OperationEnv, ctx: ImportContext): Record<string, Resource> {
  const resources: Record<string, Resource> = {};
  if (paths === undefined) return resources;
  if (!isObject(paths)) throw invalid(ctx, '#/paths', 'paths must be an object');
  const operationIds = new Map<string, string>();
  const firstSeen = new Map<string, string>();
  for (const [rawPath, item] of Object.entries(paths)) {
    const at = ptr('#/paths', rawPath);
    const norm = normalizePath(rawPath);
    if ('reason' in norm) throw invalid(ctx, at, `invalid resource path "${rawPath}": ${norm.reason}`);
    if (!isObject(item)) throw invalid(ctx, at, 'path item must be an object');
    if (item.parameters !== undefined && !Array.isArray(item.parameters)) throw invalid(ctx, ptr(at, 'parameters'), 'parameters must be an array');
    const resource = resources[norm.path] ?? { path: norm.path, resourceMethods: {} };
    const ext = nonEmpty(omit(item, Object.keys(METHOD_KEYS)));
    if (ext) {
      if (resource.extensions) throw invalid(ctx, at, `path "${rawPath}" is the same resource as "${firstSeen.get(norm.path)}"`);
      resource.extensions = ext;
    }
    for (const [key, httpMethod] of Object.entries(METHOD_KEYS)) {
      if (item[key] === undefined) continue;
      const opAt = ptr(at, key);
      if (resource.resourceMethods[httpMethod]) throw invalid(ctx, opAt, `duplicate operation ${httpMethod} ${norm.path} (also defined under "${firstSeen.get(norm.path)}")`);
      const method = importOperation(httpMethod, item[key], (item.parameters as unknown[]) ?? [], env, ctx, opAt);
      if (method.operationName !== undefined) {
        const prev = operationIds.get(method.operationName);
        if (prev) throw invalid(ctx, ptr(opAt, 'operationId'), `duplicate operationId "${method.operationName}" (also at ${prev})`);
        operationIds.set(method.operationName, opAt);
      }
      resource.resourceMethods[httpMethod] = method;
    }
    if (!firstSeen.has(norm.path)) firstSeen.set(norm.path, rawPath);
    resources[norm.path] = resource;
  }
  return resources;
}
