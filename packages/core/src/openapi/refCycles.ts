/** `$ref` loops: refused before any reference is resolved (internal). */
import { invalid, type ImportContext } from './context.js';
import { isObject, OAS_MODEL_PREFIX, ptr, toCanonicalRef, unescapeToken } from './util.js';

interface RefSite {
  /** Pointer of the object holding `$ref`. */
  site: string;
  /** Normalized pointer it refers to. */
  target: string;
  /** A model reference: kept as a `$ref`, never inlined. */
  model: boolean;
}

/** `#/a~1b/%7Bx%7D` -> `#/a~1b/{x}`: one spelling per place, so pointers compare as strings. */
function normalize(ref: string): string {
  const tokens = ref === '#' ? [] : ref.slice(2).split('/').map((t) => {
    try {
      return unescapeToken(decodeURIComponent(t));
    } catch {
      return unescapeToken(t);
    }
  });
  return ptr('#', ...tokens);
}

const within = (pointer: string, root: string) => pointer === root || pointer.startsWith(root + '/');

/** Model name of a pointer that is exactly a model (`#/components/schemas/X`, canonical form). */
function modelOf(pointer: string): string | undefined {
  if (!pointer.startsWith(OAS_MODEL_PREFIX)) return undefined;
  const rest = pointer.slice(OAS_MODEL_PREFIX.length);
  return rest.includes('/') ? undefined : rest;
}

/**
 * Refuses `$ref` loops, which would make resolution recurse forever: a reference that is
 * inlined (parameters, responses, request bodies, headers, path items, sub-schemas) and
 * leads back to itself — directly (a path item or parameter referring to itself, or to
 * an object containing it) or through other inlined references — and models that are
 * nothing but references to each other (`A: {$ref: B}`, `B: {$ref: A}`, Swagger 2
 * definitions included). Recursive schemas (a model whose properties refer to the model)
 * stay allowed, as API Gateway allows them: model references are kept, never inlined.
 * The error names every pointer of the cycle, in order.
 *
 * @example
 * assertNoRefCycles({ paths: { '/a': { $ref: '#/paths/~1a' } } }, ctx); // throws InvalidDefinitionError
 */
export function assertNoRefCycles(doc: unknown, ctx: Pick<ImportContext, 'file' | 'locate'>): void {
  const sites: RefSite[] = [];
  // Pointers are built only where a $ref is (documents are at most 64 levels deep: parseText).
  const tokens: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        tokens.push(String(i));
        walk(v[i]);
        tokens.pop();
      }
      return;
    }
    if (!isObject(v)) return;
    const ref = v.$ref;
    if (typeof ref === 'string' && (ref === '#' || ref.startsWith('#/'))) {
      const target = normalize(toCanonicalRef(ref));
      sites.push({ site: ptr('#', ...tokens), target, model: target.startsWith(OAS_MODEL_PREFIX) });
    }
    for (const k in v) {
      const c = v[k];
      if (c === null || typeof c !== 'object') continue;
      tokens.push(k);
      walk(c);
      tokens.pop();
    }
  };
  walk(doc);
  const canonicalSite = (s: RefSite) => normalize(toCanonicalRef(s.site));
  sites.sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0));
  const bySite = new Map(sites.map((s) => [s.site, s]));

  // Models that are only a reference to another model.
  const alias = new Map<string, RefSite>();
  for (const s of sites) if (s.model && modelOf(canonicalSite(s)) !== undefined && modelOf(s.target) !== undefined) alias.set(canonicalSite(s), s);
  for (const start of alias.keys()) {
    const path: string[] = [];
    let at: string | undefined = start;
    while (at !== undefined && alias.has(at) && !path.includes(at)) {
      path.push(at);
      at = alias.get(at)!.target;
    }
    if (at !== undefined && path.includes(at)) {
      const cycle = path.slice(path.indexOf(at)).map((p) => alias.get(p)!.site);
      throw refused(ctx, cycle[0], [...cycle, cycle[0]]);
    }
  }

  // Inlined references: S -> every reference site inside S's target.
  const inlined = sites.filter((s) => !s.model);
  const color = new Map<string, 1 | 2>();
  const trail: string[] = [];
  const visit = (s: RefSite): void => {
    color.set(s.site, 1);
    trail.push(s.site);
    if (within(s.site, s.target)) throw refused(ctx, s.site, [...trail.slice(trail.indexOf(s.site)), s.target]);
    for (const next of sitesWithin(sites, s.target)) {
      if (next.model) continue;
      const c = color.get(next.site);
      if (c === 1) throw refused(ctx, s.site, [...trail.slice(trail.indexOf(next.site)), next.site]);
      if (c === undefined) visit(bySite.get(next.site)!);
    }
    trail.pop();
    color.set(s.site, 2);
  };
  for (const s of inlined) if (!color.has(s.site)) visit(s);
}

/** Reference sites at or under `root` (sites sorted by pointer). */
function sitesWithin(sorted: RefSite[], root: string): RefSite[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].site < root) lo = mid + 1;
    else hi = mid;
  }
  const out: RefSite[] = [];
  for (let i = lo; i < sorted.length && sorted[i].site.startsWith(root); i++) if (within(sorted[i].site, root)) out.push(sorted[i]);
  return out;
}

function refused(ctx: Pick<ImportContext, 'file' | 'locate'>, site: string, cycle: string[]) {
  const error = invalid(ctx, ptr(site, '$ref'), `$ref cycle: ${cycle.join(' -> ')}`);
  Object.assign(error.data as object, { cycle });
  return error;
}
