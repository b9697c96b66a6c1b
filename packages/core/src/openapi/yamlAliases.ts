/** YAML alias limits: a document full of anchors and aliases is refused before it is expanded (internal). */
import type { Document, LineCounter } from 'yaml';
import { yaml } from '../utils/yaml.js';
import { TooLargeError } from '../errors/TooLargeError.js';

/** Most aliases (`*name`) a definition may use; real OpenAPI documents use a handful. */
export const MAX_ALIASES = 1000;
/** Most source characters all aliases together may copy (API Gateway's 10 MB import limit). */
export const MAX_ALIASED_CHARS = 10 * 1024 * 1024;

/* Anything that may start an alias: cheap to count, an over-estimate (`*` inside text counts too). */
const ALIAS_CANDIDATE = /(?:^|[\s,[{:-])\*[^\s,[\]{}]/g;

/**
 * Counts aliases before the YAML is composed (composing 250,000 anchors took 21.8 s and
 * 1 GB): when the quick over-estimate passes the limit, YAML's own lexer counts the real
 * ones and stops as soon as they pass it. Throws TooLargeError naming the limit; returns
 * whether the text may hold aliases at all.
 *
 * @example
 * assertFewAliases('a: &x 1\nb: *x\n', 'api.yaml'); // fine
 */
export function assertFewAliases(text: string, file: string): boolean {
  let candidates = 0;
  ALIAS_CANDIDATE.lastIndex = 0;
  while (ALIAS_CANDIDATE.exec(text) && ++candidates <= MAX_ALIASES);
  if (candidates <= MAX_ALIASES) return candidates > 0;
  let aliases = 0;
  let offset = 0;
  for (const token of new (yaml().Lexer)().lex(text)) {
    if (token[0] === '*' && ++aliases > MAX_ALIASES) {
      const before = text.slice(0, offset).split('\n');
      const [line, col] = [before.length, before[before.length - 1].length + 1];
      throw tooMany(`${file}:${line}:${col}: more than ${MAX_ALIASES} YAML aliases (refused: expanding them costs time and memory without bound)`, file, line, col);
    }
    // The lexer also yields one-character control tokens that are not in the source.
    if (!(token.length === 1 && token < ' ' && token !== '\n' && token !== '\r' && token !== '\t')) offset += token.length;
  }
  return aliases > 0;
}

/**
 * After composing, before building objects: the source text all aliases copy, summed,
 * must stay under MAX_ALIASED_CHARS (yaml's maxAliasCount bounds nesting per anchor).
 */
export function assertAliasExpansion(doc: Document.Parsed, file: string, lineCounter: LineCounter): void {
  let total = 0;
  const { isAlias, visit } = yaml();
  visit(doc, {
    Alias(_key, node) {
      const target = isAlias(node) ? node.resolve(doc) : undefined;
      const range = target?.range;
      if (range) total += range[1] - range[0];
      if (total > MAX_ALIASED_CHARS) {
        const { line, col } = lineCounter.linePos(node.range?.[0] ?? 0);
        throw tooMany(`${file}:${line}:${col}: YAML aliases expand to more than ${MAX_ALIASED_CHARS} characters (refused)`, file, line, col);
      }
    },
  });
}

function tooMany(message: string, file: string, line: number, column: number): TooLargeError {
  return new TooLargeError(message, { file, line, column, limit: MAX_ALIASES });
}
