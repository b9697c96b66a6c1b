import type { Api, Resource } from '@gitway/core';

/**
 * A snapshot as it crosses to a stage worker that already holds `base` (or nothing): the
 * small collections whole, the resources as their paths in order plus only those whose
 * methods changed. Posting a whole 10,000-method Api costs a structured clone of every
 * object on both threads; a rollback that changes one method posts one resource.
 */
export interface ApiDelta {
  restApi: Api['restApi'];
  models: Api['models'];
  authorizers: Api['authorizers'];
  requestValidators: Api['requestValidators'];
  gatewayResponses: Api['gatewayResponses'];
  /** Every resource path of the new snapshot, in its order. */
  paths: string[];
  /** The resources that are not the base's (by path) unchanged. */
  changed: Record<string, Resource>;
  /**
   * Instead of `changed` when many resources changed (a worker's first snapshot): the same as
   * JSON text. An Api is JSON data (the repository's canonical JSON), and one string crosses
   * threads with a copy of its bytes: on the 10k stage, stringify + parse cost ~1/4 of a
   * structured clone of the objects.
   */
  changedJson?: string;
}

/** From this many changed resources on, they cross as JSON text. */
export const JSON_DELTA_RESOURCES = 256;

/**
 * What `next` is, relative to `base` (the snapshot the worker holds): a resource is
 * unchanged when it has the same extensions and the same Method objects (the loader's
 * ApiTreeCache gives the objects of an unchanged subtree to every snapshot that has it).
 */
export function apiDelta(base: Api | undefined, next: Api): ApiDelta {
  const changed: Record<string, Resource> = {};
  const paths = Object.keys(next.resources);
  for (const path of paths) {
    const resource = next.resources[path]!;
    const old = base && Object.hasOwn(base.resources, path) ? base.resources[path] : undefined;
    if (!old || !sameResource(old, resource)) changed[path] = resource;
  }
  const { restApi, models, authorizers, requestValidators, gatewayResponses } = next;
  if (Object.keys(changed).length >= JSON_DELTA_RESOURCES) return { restApi, models, authorizers, requestValidators, gatewayResponses, paths, changed: {}, changedJson: JSON.stringify(changed) };
  return { restApi, models, authorizers, requestValidators, gatewayResponses, paths, changed };
}

/** The Api a delta describes, given the `base` it was computed against (the worker's side). */
export function applyApiDelta(base: Api | undefined, delta: ApiDelta): Api {
  const resources: Record<string, Resource> = {};
  const changed = delta.changedJson === undefined ? delta.changed : (JSON.parse(delta.changedJson) as Record<string, Resource>);
  for (const path of delta.paths) {
    const resource = Object.hasOwn(changed, path) ? changed[path] : base?.resources[path];
    if (!resource) throw new Error(`snapshot delta: resource ${path} is neither sent nor in the base`);
    resources[path] = resource;
  }
  const { restApi, models, authorizers, requestValidators, gatewayResponses } = delta;
  return { restApi, resources, models, authorizers, requestValidators, gatewayResponses };
}

function sameResource(a: Resource, b: Resource): boolean {
  if (a === b) return true;
  if (a.path !== b.path || a.extensions !== b.extensions) return false;
  const am = a.resourceMethods as Record<string, unknown>;
  const bm = b.resourceMethods as Record<string, unknown>;
  const keys = Object.keys(am);
  if (keys.length !== Object.keys(bm).length) return false;
  for (const k of keys) if (am[k] !== bm[k]) return false;
  return true;
}
