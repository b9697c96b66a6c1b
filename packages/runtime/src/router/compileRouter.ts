import type { Method, Resource } from '@gitway/core';

/** A matched route: the resource, its method and the decoded path parameters. */
export interface RouteMatch {
  resource: Resource;
  method: Method;
  pathParameters: Record<string, string>;
}

/** A compiled router over one snapshot's resources. */
export interface Router {
  match(httpMethod: string, path: string): RouteMatch | null;
}

interface Node {
  statics: Map<string, Node>;
  param?: { name: string; node: Node };
  proxy?: { name: string; resource: Resource };
  resource?: Resource;
}

const newNode = (): Node => ({ statics: new Map() });

/**
 * Compiles resources (keyed by full path) into a segment trie. At each level a static
 * segment beats `{param}`, which beats `{proxy+}`; a failed branch falls back to the next.
 * Matching is case-sensitive, ignores one trailing slash, costs O(path depth) whatever the
 * route count, and refuses `.`/`..` segments (also percent-encoded) so no path can climb.
 *
 * @example
 * const router = compileRouter(api.resources);
 * router.match('GET', '/pets/42'); // { resource, method, pathParameters: { petId: '42' } }
 */
export function compileRouter(resources: Record<string, Resource>): Router {
  const root = newNode();
  for (const resource of Object.values(resources)) {
    let node = root;
    for (const segment of splitPath(resource.path)) {
      if (segment.startsWith('{') && segment.endsWith('+}')) {
        node.proxy = { name: segment.slice(1, -2), resource };
        node = newNode(); // nothing can hang below a greedy parameter
      } else if (segment.startsWith('{') && segment.endsWith('}')) {
        node.param ??= { name: segment.slice(1, -1), node: newNode() };
        node = node.param.node;
      } else {
        let next = node.statics.get(segment);
        if (!next) node.statics.set(segment, (next = newNode()));
        node = next;
      }
    }
    if (!resource.path.endsWith('+}')) node.resource = resource;
  }
  return {
    match(httpMethod, path) {
      const raw = splitPath(path);
      const segments: string[] = [];
      for (const s of raw) {
        const decoded = safeDecode(s);
        if (decoded === null || decoded === '.' || decoded === '..') return null;
        segments.push(decoded);
      }
      const params: Record<string, string> = {};
      const found = walk(root, segments, 0, params, httpMethod);
      return found ? { resource: found.resource, method: found.method, pathParameters: params } : null;
    },
  };
}

function walk(node: Node, segs: string[], i: number, params: Record<string, string>, verb: string): { resource: Resource; method: Method } | null {
  if (i === segs.length) {
    const method = node.resource && pickMethod(node.resource, verb);
    if (method) return { resource: node.resource!, method };
  } else {
    const seg = segs[i];
    const next = node.statics.get(seg);
    const hit = next && walk(next, segs, i + 1, params, verb);
    if (hit) return hit;
    if (node.param && seg !== '') {
      const found = walk(node.param.node, segs, i + 1, params, verb);
      if (found) {
        params[node.param.name] = seg;
        return found;
      }
    }
  }
  if (node.proxy && i < segs.length) {
    const method = pickMethod(node.proxy.resource, verb);
    if (method) {
      params[node.proxy.name] = segs.slice(i).join('/');
      return { resource: node.proxy.resource, method };
    }
  }
  return null;
}

function pickMethod(resource: Resource, verb: string): Method | undefined {
  const methods = resource.resourceMethods as Record<string, Method | undefined>;
  return (Object.hasOwn(methods, verb) ? methods[verb] : undefined) ?? methods.ANY;
}

function splitPath(path: string): string[] {
  const q = path.indexOf('?');
  let p = q === -1 ? path : path.slice(0, q);
  if (p.startsWith('/')) p = p.slice(1);
  if (p.endsWith('/')) p = p.slice(0, -1);
  return p === '' ? [] : p.split('/');
}

function safeDecode(segment: string): string | null {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
