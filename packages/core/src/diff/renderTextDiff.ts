import { createRequire } from 'node:module';
import type { Api } from '../models/types.js';
import { exportDefinition } from '../openapi/exportDefinition.js';
import { shortId } from '../utils/shortId.js';

// The `diff` package (19 ES modules) loads on the first text diff, not with every command.
const requireLazy = createRequire(import.meta.url);

/** One side of a text diff: the API, the name it was asked by (a revision, "working definition"), its deployment id if any. */
export interface TextDiffSide {
  api: Api;
  label: string;
  id?: string;
}

/**
 * The unified text diff (`diff --text`) of two APIs' exported definitions, both exported in
 * the format the `from` side came in (OpenAPI 3.0 when unknown), labelled `a/<from>` and
 * `b/<to>` as git does, with the short deployment ids as file headers. The one renderer the
 * CLI (which colours it) and the dashboard share; empty when the exports are equal.
 *
 * @example
 * const text = renderTextDiff({ api: v1.api, label: 'prod', id: v1.id }, { api: v2.api, label: 'main', id: v2.id });
 * // --- a/prod\t3f9a2c71d0\n+++ b/main\t8c1d0e4b5a\n@@ -12,7 +12,7 @@ ...
 */
export function renderTextDiff(from: TextDiffSide, to: TextDiffSide): string {
  const format = from.api.restApi.sourceFormat ?? 'oas30';
  const a = exportDefinition({ api: from.api, format });
  const b = exportDefinition({ api: to.api, format });
  if (a === b) return '';
  const { createTwoFilesPatch } = requireLazy('diff') as typeof import('diff');
  const patch = createTwoFilesPatch(`a/${from.label}`, `b/${to.label}`, a, b, from.id && shortId(from.id), to.id && shortId(to.id), { context: 3 });
  // createTwoFilesPatch starts with an "Index"-style ==== line git does not print.
  return patch.startsWith('===') ? patch.slice(patch.indexOf('\n') + 1) : patch;
}
