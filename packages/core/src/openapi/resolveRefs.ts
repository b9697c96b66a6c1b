/** `$ref` handling: check every reference, keep model references, resolve the rest (internal). */
import { invalid, type ImportContext } from './context.js';
import { isObject, ptr, toCanonicalRef, unescapeToken, OAS_MODEL_PREFIX, type Obj } from './util.js';

const MARK = '$gitway-model-ref';
const APIGW_MODEL_URL = /^https:\/\/apigateway\.amazonaws\.com\/restapis\/[^/]+\/models\/[^/]+$/;

function resolvePointer(root: unknown, ref: string): boolean {
  let cur: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const token = unescapeToken(decodeURIComponent(raw));
    if (Array.isArray(cur) && /^\d+$/.test(token) && Number(token) < cur.length) cur = cur[Number(token)];
    else if (isObject(cur) && Object.hasOwn(cur, token)) cur = cur[token];
    else return false;
  }
  return true;
}

/**
 * Checks every `$ref` (internal and resolvable, or an API Gateway model URL), then resolves
 * references to parameters, responses, request bodies, headers and path items with
 * @readme/openapi-parser. References to models (`#/components/schemas/X`, `#/definitions/X`)
 * stay `$ref`s so they become model references; circular models are therefore fine.
 * `#/definitions/X` is rewritten to the canonical `#/components/schemas/X`.
 */
export async function resolveRefs(doc: Obj, ctx: ImportContext): Promise<Obj> {
  // One walk over every node; a node's JSON pointer is built only for a `$ref` (from the
  // chain of parents), not for each of the ~10^6 nodes of a large definition.
  const stack: Step[] = [{ v: doc, parent: undefined, key: '' }];
  const models: { v: Obj; ref: string }[] = [];
  let others = false;
  while (stack.length > 0) {
    const step = stack.pop()!;
    const { v } = step;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (typeof v[i] === 'object' && v[i] !== null) stack.push({ v: v[i], parent: step, key: i });
      continue;
    }
    if (!isObject(v)) continue;
    for (const k in v) if (Object.hasOwn(v, k) && typeof v[k] === 'object' && v[k] !== null) stack.push({ v: v[k], parent: step, key: k });
    if (!('$ref' in v)) continue;
    const ref = v.$ref;
    if (typeof ref !== 'string') throw invalid(ctx, ptr(pointerOf(step), '$ref'), '$ref must be a string');
    if (APIGW_MODEL_URL.test(ref)) {
      models.push({ v, ref });
      continue;
    }
    const at = () => ptr(pointerOf(step), '$ref');
    if (!ref.startsWith('#/') && ref !== '#') throw invalid(ctx, at(), `external $ref "${ref}" is not supported (inline it or use #/ references)`);
    if (!resolvePointer(doc, ref)) throw invalid(ctx, at(), `unresolvable $ref "${ref}"`);
    const canonical = toCanonicalRef(ref);
    if (canonical.startsWith(OAS_MODEL_PREFIX)) models.push({ v, ref: canonical });
    else others = true;
  }
  if (!others) {
    // Only model references (kept as `$ref`s): nothing to resolve.
    for (const { v, ref } of models) v.$ref = ref;
    return doc;
  }
  for (const { v, ref } of models) {
    v[MARK] = ref;
    delete v.$ref;
  }
  // The resolver loads only for documents that need it (most reference only models).
  const { dereference } = await import('@readme/openapi-parser');
  let resolved: Obj;
  try {
    resolved = (await dereference(doc as never, { resolve: { external: false }, dereference: { circular: 'ignore' } })) as unknown as Obj;
  } catch (e) {
    throw invalid(ctx, '#', `cannot resolve $ref: ${(e as Error).message}`);
  }
  return unmark(resolved) as Obj;
}

interface Step {
  v: unknown;
  parent: Step | undefined;
  key: string | number;
}

function pointerOf(step: Step): string {
  const keys: (string | number)[] = [];
  for (let s: Step | undefined = step; s?.parent; s = s.parent) keys.push(s.key);
  return ptr('#', ...keys.reverse());
}

/** Copies the resolved tree (it may share objects), turning markers back into `$ref`. */
function unmark(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((c) => unmark(c));
  if (!isObject(v)) return v;
  const out: Obj = {};
  for (const [k, c] of Object.entries(v)) {
    if (k === MARK) out.$ref = c;
    else out[k] = unmark(c);
  }
  return out;
}
