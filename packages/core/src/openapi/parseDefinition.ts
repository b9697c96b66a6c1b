import type { Api } from '../models/types.js';
import { invalid, type ImportContext } from './context.js';
import { isObject, jsonCopy } from './util.js';
import { assertNoRefCycles } from './refCycles.js';
import { markParsed } from '../api/validateApiModel.js';
import type { ParsedText } from './parseText.js';
import type { ImportCache } from './importByPath.js';

export type { ImportCache } from './importByPath.js';

export interface ParseDefinitionOptions {
  /** The definition text, YAML or JSON. */
  text: string;
  /** Used in error messages and error data (`api.yaml:12:5: ...`). */
  filename: string;
  /**
   * Where the import of each path entry is kept between runs (readDefinitionFile gives the
   * repository's `gitway-import-cache`): entries whose text is unchanged are not parsed or
   * imported again. The result is exactly the uncached import's; a missing, stale or
   * damaged cache only costs time.
   */
  cache?: ImportCache;
}

/**
 * Imports an OpenAPI 3.0.x or Swagger 2.0 definition with API Gateway's
 * `x-amazon-apigateway-*` extensions into the canonical model, as `aws apigateway
 * import-rest-api` does. What the model does not hold is kept verbatim in `extensions`.
 *
 * Throws (nothing is returned half-done): ParseError (syntax; data { file, line, column }),
 * TooLargeError (over 10 MB or nested deeper than 64), InvalidDefinitionError (not OpenAPI,
 * OpenAPI 3.1, forbidden keys, bad paths, duplicate operations/operationIds, unresolvable
 * `$ref`, unknown integration type...; data { file, pointer, line?, column? }).
 *
 * @example
 * const api = await parseDefinition({ text: 'openapi: 3.0.1\ninfo: { title: pets }\npaths: {}\n', filename: 'api.yaml' });
 * api.restApi.name; // 'pets'
 * api.restApi.sourceFormat; // 'oas30'
 */
export async function parseDefinition({ text, filename, cache }: ParseDefinitionOptions): Promise<Api> {
  // The parsers and the $ref resolver load on first use: commands that never parse a
  // definition (stage list, log...) start faster.
  const [{ parseText }, { parseFast }, { assertSize }, { resolveRefs }, { importApi, detectFormat }] = await Promise.all([
    import('./parseText.js'),
    import('./parseFast.js'),
    import('./parseLimits.js'),
    import('./resolveRefs.js'),
    import('./importApi.js'),
  ]);
  assertSize(text, filename);
  if (cache) {
    // Path entry by path entry, reusing the unchanged ones; undefined whenever the whole
    // document must be read as one (then the path below decides, and names any error).
    const { importByPath } = await import('./importByPath.js');
    const api = await importByPath(text, filename, cache);
    if (api) return markParsed(api);
  }
  // Fast path first (JSON.parse / js-yaml); the position-aware parser runs only when the fast
  // path cannot accept the document (its error names the place) or when an error found later
  // needs a line:column.
  const fast = parseFast(text);
  let slow: ParsedText | undefined;
  const { value, locate } = fast
    ? { value: fast.value, locate: (pointer: string) => (slow ??= parseText(text, filename)).locate(pointer) }
    : parseText(text, filename);
  const base = { file: filename, locate };
  if (!isObject(value)) throw invalid(base, '#', 'not an OpenAPI document (expected an object at the top level)');
  const ctx: ImportContext = { ...base, format: detectFormat(value, base) };
  assertNoRefCycles(value, ctx);
  const doc = await resolveRefs(value, ctx);
  return markParsed(jsonCopy(importApi(doc, ctx)) as Api);
}
