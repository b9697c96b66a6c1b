/** YAML/JSON text -> plain value, with syntax, key and size checks before any object is built (internal). */
import type { Document, Node } from 'yaml';
import { yaml } from '../utils/yaml.js';
import { ParseError } from '../errors/ParseError.js';
import { TooLargeError } from '../errors/TooLargeError.js';
import { invalid, type Place } from './context.js';
import { ptr, unescapeToken } from './util.js';
import { assertAliasExpansion, assertFewAliases } from './yamlAliases.js';
import { assertSize, MAX_DEPTH } from './parseLimits.js';

export { MAX_BYTES, MAX_DEPTH } from './parseLimits.js';
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export interface ParsedText {
  value: unknown;
  locate: (pointer: string) => Place | undefined;
}

/**
 * Parses YAML or JSON (JSON is parsed by `yaml` too, so both report line:column).
 * Rejects documents over 10 MB or nested deeper than 64, `__proto__`/`constructor`/
 * `prototype` keys anywhere, and alias bombs (yamlAliases.ts), before converting the
 * syntax tree to objects.
 */
export function parseText(text: string, file: string): ParsedText {
  assertSize(text, file);
  const mayAlias = assertFewAliases(text, file);
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    // Duplicate keys are found by checkTree with a Set per mapping: yaml's own check compares
    // every pair with every other (quadratic: seconds on a 10,000-path document).
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: true });
  } catch (e) {
    if (e instanceof RangeError) throw tooDeep(file, undefined);
    throw e;
  }
  const err = doc.errors[0];
  if (err) {
    const [offset] = err.pos;
    const { line, col } = lineCounter.linePos(offset);
    throw new ParseError(`${file}:${line}:${col}: ${err.message.split('\n')[0]}`, { file, line, column: col, reason: err.code });
  }
  const place = (node: Node | null | undefined): Place | undefined => {
    if (!node?.range) return undefined;
    const { line, col } = lineCounter.linePos(node.range[0]);
    return { line, column: col };
  };
  const locate = (pointer: string): Place | undefined => {
    const tokens = pointer.replace(/^#\/?/, '').split('/').filter((t, i) => t !== '' || i > 0).map(unescapeToken);
    return place(doc.getIn(tokens, true) as Node | undefined);
  };
  checkTree(doc.contents, file, place);
  if (mayAlias) assertAliasExpansion(doc, file, lineCounter);
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }), locate };
  } catch (e) {
    if (e instanceof RangeError) throw tooDeep(file, undefined);
    throw new ParseError(`${file}: ${(e as Error).message}`, { file });
  }
}

function tooDeep(file: string, where: { pointer: string; place?: Place } | undefined): TooLargeError {
  const at = where ? `${file}${where.place ? `:${where.place.line}:${where.place.column}` : ''}: ${where.pointer}` : file;
  return new TooLargeError(`${at}: nesting deeper than ${MAX_DEPTH} levels`, { file, limit: MAX_DEPTH, pointer: where?.pointer, ...where?.place });
}

/** Iterative walk of the YAML syntax tree: forbidden keys and nesting depth. */
function checkTree(root: unknown, file: string, place: (n: Node | null | undefined) => Place | undefined): void {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  const stack: { node: unknown; depth: number; pointer: string }[] = [{ node: root, depth: 0, pointer: '#' }];
  while (stack.length > 0) {
    const { node, depth, pointer } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= MAX_DEPTH) throw tooDeep(file, { pointer, place: place(node as Node) });
    const seen = isMap(node) ? new Set<string>() : undefined;
    node.items.forEach((item: unknown, i: number) => {
      if (isPair(item)) {
        if (item.key !== null && !isScalar(item.key)) {
          // YAML allows `? [a, b]: x`; JSON and OpenAPI do not: a key must be a string.
          const p = place(item.key as Node);
          throw invalid({ file, locate: () => p }, pointer, 'a mapping key must be a string, not a list or mapping');
        }
        const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
        if (seen?.has(key)) {
          const p = place(item.key as Node);
          throw new ParseError(`${file}:${p?.line ?? 0}:${p?.column ?? 0}: Map keys must be unique ("${key}" at ${pointer})`, {
            file,
            line: p?.line,
            column: p?.column,
            reason: 'DUPLICATE_KEY',
          });
        }
        seen?.add(key);
        const at = ptr(pointer, key);
        if (FORBIDDEN.has(key)) {
          const p = place(item.key as Node);
          throw invalid({ file, locate: () => p }, at, `forbidden key "${key}"`);
        }
        stack.push({ node: item.value, depth: depth + 1, pointer: at });
      } else stack.push({ node: item, depth: depth + 1, pointer: ptr(pointer, i) });
    });
  }
}
