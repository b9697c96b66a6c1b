/** `$ref` handling: check every reference, keep model references, resolve the rest (internal). */
import { dereference } from '@readme/openapi-parser';
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
  const stack: { v: unknown; pointer: string }[] = [{ v: doc, pointer: '#' }];
  while (stack.length > 0) {
    const { v, pointer } = stack.pop()!;
    if (Array.isArray(v)) v.forEach((c, i) => stack.push({ v: c, pointer: ptr(pointer, i) }));
    if (!isObject(v)) continue;
    for (const [k, c] of Object.entries(v)) stack.push({ v: c, pointer: ptr(pointer, k) });
    if (!('$ref' in v)) continue;
    const ref = v.$ref;
    const at = ptr(pointer, '$ref');
    if (typeof ref !== 'string') throw invalid(ctx, at, '$ref must be a string');
    if (APIGW_MODEL_URL.test(ref)) {
      v[MARK] = ref;
      delete v.$ref;
      continue;
    }
    if (!ref.startsWith('#/') && ref !== '#') throw invalid(ctx, at, `external $ref "${ref}" is not supported (inline it or use #/ references)`);
    if (!resolvePointer(doc, ref)) throw invalid(ctx, at, `unresolvable $ref "${ref}"`);
    const canonical = toCanonicalRef(ref);
    if (canonical.startsWith(OAS_MODEL_PREFIX)) {
      v[MARK] = canonical;
      delete v.$ref;
    }
  }
  let resolved: Obj;
  try {
    resolved = (await dereference(doc as never, { resolve: { external: false }, dereference: { circular: 'ignore' } })) as unknown as Obj;
  } catch (e) {
    throw invalid(ctx, '#', `cannot resolve $ref: ${(e as Error).message}`);
  }
  return unmark(resolved) as Obj;
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
