/**
 * parseDefinition, one path entry at a time (internal): the document is cut at its
 * top-level path entries (splitPaths.ts); the rest of it (the skeleton) is parsed and
 * imported every time, and each entry whose text is unchanged since an earlier run takes
 * its imported resource from the cache instead of being parsed and imported again.
 *
 * A cached import is keyed by the SHA-1 of the entry's text, under an environment key: the
 * SHA-1 of FORMAT, the syntax and the skeleton's text (the operations' environment:
 * format, security schemes, validators, models, root security, media types). It holds the
 * entry's key and `importPaths({ key: entry })`, in JSON.
 *
 * This path never reports an error and never decides alone that a document is valid: it
 * returns undefined (and the whole document is parsed as one, which names any error)
 * whenever any piece is refused or could be read differently in the whole document: the
 * fast parser declining a piece, a `$ref` other than to a model, two entries with the same
 * key, resource path or operationId, a keep-chomping block scalar. A piece accepted here
 * is accepted in the whole document with the same value: the fast parser's checks are
 * per line or per value, the entries are whole lines at one indentation (YAML) or whole
 * members (JSON), and with only model `$ref`s an entry's import depends on nothing but the
 * entry and the skeleton (importByPath.test.ts checks it against the whole-document import).
 */
import { hash as digest } from 'node:crypto';
import type { Api, Resource } from '../models/types.js';
import type { ImportContext } from './context.js';
import { assertNoRefCycles } from './refCycles.js';
import { resolveRefs } from './resolveRefs.js';
import { detectFormat, importApi } from './importApi.js';
import { importPaths } from './importPaths.js';
import { parseFast } from './parseFast.js';
import { splitPaths, wrapEntry, type PathSplit } from './splitPaths.js';
import { isObject, jsonCopy, OAS_MODEL_PREFIX, toCanonicalRef, type Obj } from './util.js';

/** Bump whenever the import of a path entry changes: every cached import is then unused. */
const FORMAT = 1;

/** Stored imports of path entries (worktree/importCache.ts keeps them in the repository). */
export interface ImportCache {
  /** A lookup of the fragments stored under `env` (entry hash -> fragment JSON, or undefined). */
  load(env: string): Promise<(hash: string) => string | undefined>;
  /** Keeps the fragments of the document just imported: `hashes` in use, `added` the new ones. */
  save(env: string, hashes: readonly string[], added: ReadonlyMap<string, string>): Promise<void>;
}

interface Fragment {
  /** The entry's key (the raw path). */
  k: string;
  /** importPaths of the entry alone: one resource. */
  r: Record<string, Resource>;
}

const sha1 = (text: string) => digest('sha1', text, 'hex');
/** `$ref` values a quick look at the text finds (the parsed values are checked too). */
const TEXT_REF = /\$ref["']?\s*:\s*["']?([^"'\s,}\]]*)/g;
const APIGW_MODEL_URL = /^https:\/\/apigateway\.amazonaws\.com\/restapis\/[^/]+\/models\/[^/]+$/;
/** `|+`, `>2+`: a block scalar keeping its trailing blank lines (an entry's last lines). */
const KEEP_CHOMP = /[|>][1-9]?\+/;

/** The imported API, or undefined when the whole document must be parsed as one. */
export async function importByPath(text: string, filename: string, cache: ImportCache): Promise<Api | undefined> {
  const split = splitPaths(text);
  if (!split || !textRefsAreModels(split.skeleton)) return undefined;
  const env = sha1(`${FORMAT}\0${split.syntax}\0${split.skeleton}`);
  const stored = await cache.load(env).catch(() => () => undefined);
  let result: Awaited<ReturnType<typeof importSplit>>;
  try {
    result = await importSplit(split, filename, stored);
  } catch {
    return undefined; // refused or doubtful here: the whole document decides
  }
  if (!result) return undefined;
  await cache.save(env, result.hashes, result.added).catch(() => undefined);
  return result.api;
}

async function importSplit(split: PathSplit, filename: string, stored: (hash: string) => string | undefined) {
  const skeleton = parseFast(split.skeleton)?.value;
  if (!isObject(skeleton) || !Object.hasOwn(skeleton, 'paths')) return undefined;
  if (split.syntax === 'yaml' ? skeleton.paths !== null : !isObject(skeleton.paths) || Object.keys(skeleton.paths).length > 0) return undefined;
  const base = { file: filename, locate: () => undefined };
  const ctx: ImportContext = { ...base, format: detectFormat(skeleton, base) };

  const hashes = split.entries.map(sha1);
  const fragments = hashes.map((h) => decode(stored(h)));
  // Entries not in the cache: parsed each on its own, imported together below. A quick look
  // at their text first: a document with other `$ref`s is read as one without parsing twice.
  const missAt = fragments.flatMap((f, i) => (f ? [] : [i]));
  if (!missAt.every((i) => textRefsAreModels(split.entries[i]!))) return undefined;
  const misses: Obj = {};
  const missKeys: string[] = [];
  for (const i of missAt) {
    const entry = split.entries[i]!;
    if (split.syntax === 'yaml' && KEEP_CHOMP.test(entry)) return undefined;
    const wrapped = parseFast(wrapEntry(split.syntax, entry))?.value;
    if (!isObject(wrapped) || Object.keys(wrapped).length !== 1 || !isObject(wrapped.paths)) return undefined;
    const keys = Object.keys(wrapped.paths);
    if (keys.length !== 1 || Object.hasOwn(misses, keys[0]!)) return undefined;
    misses[keys[0]!] = wrapped.paths[keys[0]!];
    missKeys.push(keys[0]!);
  }
  const doc: Obj = { ...skeleton, paths: misses };
  if (!refsAreModels(doc)) return undefined;
  assertNoRefCycles(doc, ctx);
  await resolveRefs(doc, ctx);
  const added = new Map<string, string>();
  const api = importApi(doc, ctx, (_paths, env) => {
    missAt.forEach((i, j) => {
      const k = missKeys[j]!;
      const fragment: Fragment = { k, r: jsonCopy(importPaths({ [k]: misses[k] }, env, ctx)) as Fragment['r'] };
      fragments[i] = fragment;
      added.set(hashes[i]!, JSON.stringify(fragment));
    });
    return assemble(fragments as Fragment[]);
  });
  const out = jsonCopy({ ...api, resources: {} }) as Api;
  out.resources = api.resources;
  return { api: out, hashes, added };
}

/** The resources in document order; throws when entries share a key, a resource or an operationId. */
function assemble(fragments: Fragment[]): Record<string, Resource> {
  const resources: Record<string, Resource> = {};
  const keys = new Set<string>();
  const operationIds = new Set<string>();
  for (const { k, r } of fragments) {
    const paths = Object.keys(r);
    if (keys.has(k) || paths.length !== 1 || Object.hasOwn(resources, paths[0]!)) throw new Error('entries overlap');
    keys.add(k);
    const resource = r[paths[0]!]!;
    for (const m of Object.values(resource.resourceMethods ?? {})) {
      if (m.operationName === undefined) continue;
      if (operationIds.has(m.operationName)) throw new Error('operationIds overlap');
      operationIds.add(m.operationName);
    }
    resources[paths[0]!] = resource;
  }
  return resources;
}

function decode(json: string | undefined): Fragment | undefined {
  if (json === undefined) return undefined;
  try {
    const f = JSON.parse(json) as Fragment;
    return isObject(f) && typeof f.k === 'string' && isObject(f.r) ? f : undefined;
  } catch {
    return undefined;
  }
}

const isModelRef = (ref: string) => APIGW_MODEL_URL.test(ref) || (ref.startsWith('#/') && toCanonicalRef(ref).startsWith(OAS_MODEL_PREFIX));

function textRefsAreModels(text: string): boolean {
  TEXT_REF.lastIndex = 0;
  for (let m = TEXT_REF.exec(text); m; m = TEXT_REF.exec(text)) if (!isModelRef(m[1]!)) return false;
  return true;
}

/** True when every `$ref` under `root` is a string naming a model (kept as a reference, never inlined). */
function refsAreModels(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const c of v) stack.push(c);
      continue;
    }
    for (const k in v) {
      const c = (v as Obj)[k];
      if (k === '$ref' && (typeof c !== 'string' || !isModelRef(c))) return false;
      stack.push(c);
    }
  }
  return true;
}
