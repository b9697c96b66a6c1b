import type { Api, HttpMethod, Method, Resource } from './types.js';
import { HTTP_METHODS } from './types.js';
import { canonicalJson } from '../utils/canonicalJson.js';
import { escapeSegment, unescapeSegment } from '../utils/pathSegments.js';

/**
 * The deployment tree layout (DESIGN.md "The store"): one canonical JSON blob per
 * method so a change touches only its path.
 *
 * ```
 * api.json                        RestApi-level fields
 * models/<name>.json
 * authorizers/<name>.json
 * validators/<name>.json
 * gateway-responses/<TYPE>.json
 * paths/pets/{petId}/@GET.json    one Method (with its integration and responses)
 * paths/@GET.json                 methods of "/"
 * paths/pets/@resource.json       path-item data of a resource (only when it has any,
 *                                 or when the resource has no methods)
 * ```
 * Names are escaped with escapeSegment (see utils/pathSegments.ts).
 */
export type TreeFiles = Map<string, string>;

const COLLECTIONS = [
  ['models', 'models'],
  ['authorizers', 'authorizers'],
  ['validators', 'requestValidators'],
  ['gateway-responses', 'gatewayResponses'],
] as const;

/** Resource path ("/pets/{petId}") -> tree directory ("paths/pets/{petId}"). */
export function resourceDir(path: string): string {
  const segments = path.split('/').filter((s) => s !== '');
  return ['paths', ...segments.map(escapeSegment)].join('/');
}

/** Api -> file path -> canonical JSON text. */
export function apiToFiles(api: Api): TreeFiles {
  return new Map(apiFiles(api));
}

/** apiToFiles as a generator: each text is serialized when it is asked for (buildTree hashes it at once). */
export function* apiFiles(api: Api): Generator<[string, string]> {
  for (const [path, item] of apiItems(api)) yield [path, canonicalJson(item)];
}

/**
 * Api -> [file path, the value its blob holds] in apiToFiles' order (the value is not
 * serialized: incrementalTree fingerprints it first and serializes only what changed).
 */
export function* apiItems(api: Api): Generator<[string, unknown]> {
  yield* sectionItems(api);
  for (const resource of Object.values(api.resources)) {
    const dir = resourceDir(resource.path);
    for (const [name, value] of resourceFiles(resource)) yield [`${dir}/${name}`, value];
  }
}

/** The files outside `paths/`: `api.json`, then models, authorizers, validators, gateway responses. */
export function* sectionItems(api: Api): Generator<[string, unknown]> {
  yield ['api.json', api.restApi];
  for (const [dir, key] of COLLECTIONS) {
    for (const [name, item] of Object.entries(api[key] ?? {})) yield [`${dir}/${escapeSegment(name)}.json`, item];
  }
}

/**
 * The files of one resource, named inside its directory (`resourceDir(resource.path)`):
 * `@<METHOD>.json` per method, and `@resource.json` when it has extensions or no method.
 * A resource owns exactly the `@` entries of its directory (`@` is escaped in segments).
 */
export function* resourceFiles(resource: Resource): Generator<[string, unknown]> {
  const methods = Object.entries(resource.resourceMethods ?? {});
  for (const [httpMethod, method] of methods) yield [`@${httpMethod}.json`, method];
  const extensions = resource.extensions && Object.keys(resource.extensions).length > 0 ? resource.extensions : undefined;
  if (extensions || methods.length === 0) yield ['@resource.json', extensions ? { extensions } : {}];
}

/** The inverse of apiToFiles. `files` maps tree path -> parsed JSON. */
export function filesToApi(files: Iterable<[string, unknown]>): Api {
  const api: Api = { restApi: { name: '' }, resources: {}, models: {}, authorizers: {}, requestValidators: {}, gatewayResponses: {} };
  for (const [path, value] of files) {
    if (path === 'api.json') {
      api.restApi = value as Api['restApi'];
      continue;
    }
    const slash = path.indexOf('/');
    const top = path.slice(0, slash);
    if (top === 'paths') {
      const parts = path.split('/');
      const file = parts.pop()!;
      const resourcePath = '/' + parts.slice(1).map(unescapeSegment).join('/');
      const resource: Resource = (api.resources[resourcePath] ??= { path: resourcePath, resourceMethods: {} });
      if (file === '@resource.json') {
        const ext = (value as { extensions?: Record<string, unknown> }).extensions;
        if (ext) resource.extensions = ext;
      } else {
        const httpMethod = file.slice(1, -'.json'.length) as HttpMethod;
        if (!HTTP_METHODS.includes(httpMethod)) continue;
        resource.resourceMethods[httpMethod] = value as Method;
      }
      continue;
    }
    const collection = COLLECTIONS.find(([dir]) => dir === top);
    if (!collection) continue;
    const name = unescapeSegment(path.slice(slash + 1, -'.json'.length));
    (api[collection[1]] as Record<string, unknown>)[name] = value;
  }
  return api;
}
