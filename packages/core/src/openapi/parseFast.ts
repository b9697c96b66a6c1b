/**
 * The fast path of parseText (internal): `JSON.parse` for JSON, js-yaml 4 for YAML, then the
 * same refusals as the slow path (forbidden keys, nesting depth) on the resulting value.
 * It never reports an error itself: whenever it cannot accept a document exactly as the
 * slow path would (any syntax error, duplicate key, alias, explicit tag, forbidden key,
 * nesting too deep, a scalar the two parsers read differently), it returns undefined and
 * the caller runs the position-aware `yaml` parser, whose error (file:line:column, JSON
 * pointer) is the one the user sees. So both paths refuse exactly the same documents
 * (property-tested in parseFast.property.test.ts).
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { MAX_DEPTH } from './parseLimits.js';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
/**
 * YAML the two parsers read differently goes to the slow path: tabs (yaml refuses some that
 * js-yaml takes as white space), tags (`!foo`, `!!float 1`), anchors and aliases (yaml caps
 * their expansion), explicit keys (`? x`) and flow collections used as keys (`[a, b]: 1`,
 * which js-yaml turns into the string "a,b"), empty entries ending a line, multi-line quoted
 * scalars, comments glued to a flow collection or a quoted scalar, floats like `-.5`.
 */
const TOKEN_START = /(?:^|[\s[{,?:-])[!&*]/m;
const EXPLICIT_KEY = /(?:^|[\s[{,])\?(?:\s|$)/m;
/** `[a, b]: 1` on one line, or the last line of a multi-line one (`  b]: 1`); not `4\d{2}:`. */
const COLLECTION_KEY = /(?:^|[\s[{,])[[{][^\n]*[\]}] *:(?:\s|$)|^[^[{\n]*[\]}] *:(?:\s|$)/m;
/**
 * A comment glued to the end of a flow collection or of a quoted scalar (`{}#`, `"b"#`): yaml
 * refuses it, js-yaml takes it. A quote counts as closing unless white space or an indicator
 * comes before it (`$ref: "#/components/..."` opens one and stays on the fast path).
 */
const GLUED_COMMENT = /(?:[\]}]|[^\s:[{,]["'])#/;
/** `-.5` / `+.5e3`: a float for yaml's core schema, a string for js-yaml's. */
const SIGNED_DOT_FLOAT = /(?:^|[\s:[{,])[-+]\.[0-9]/m;
/** An empty sequence entry at the end of a line (`- -`): js-yaml nests the next line into it. */
const EMPTY_ENTRY = /(?:^|\s)-[ \r]*$/m;

function yamlNeedsSlowPath(text: string): boolean {
  if (text.includes('\t')) return true;
  if ((text.includes('!') || text.includes('&') || text.includes('*')) && TOKEN_START.test(text)) return true;
  if (text.includes('?') && EXPLICIT_KEY.test(text)) return true;
  if (text.includes('#') && GLUED_COMMENT.test(text)) return true;
  if (text.includes('.') && SIGNED_DOT_FLOAT.test(text)) return true;
  return COLLECTION_KEY.test(text) || EMPTY_ENTRY.test(text) || multiLineQuoted(text);
}

const QUOTE_OPENERS = new Set([' ', '\n', '\r', '[', '{', ',', ':']);

/**
 * True when a quoted scalar may continue on another line (js-yaml accepts continuation lines
 * that yaml refuses as under-indented). Over-approximates: a quote after a space inside a
 * plain scalar that is not closed on its line also counts; that only costs the slow path.
 */
function multiLineQuoted(text: string): boolean {
  let i = 0;
  for (;;) {
    const dq = text.indexOf('"', i);
    const sq = text.indexOf("'", i);
    const q = dq < 0 ? sq : sq < 0 ? dq : Math.min(dq, sq);
    if (q < 0) return false;
    if (q > 0 && !QUOTE_OPENERS.has(text[q - 1]!)) {
      i = q + 1;
      continue;
    }
    const close = closingQuote(text, q);
    if (close < 0) return true;
    const newline = text.indexOf('\n', q);
    if (newline >= 0 && newline < close) return true;
    i = close + 1;
  }
}

function closingQuote(text: string, open: number): number {
  const quote = text[open]!;
  let i = open + 1;
  for (;;) {
    const c = text.indexOf(quote, i);
    if (c < 0) return -1;
    if (quote === "'") {
      if (text[c + 1] === "'") {
        i = c + 2; // '' is an escaped quote
        continue;
      }
      return c;
    }
    let backslashes = 0;
    for (let j = c - 1; j > open && text[j] === '\\'; j--) backslashes++;
    if (backslashes % 2 === 0) return c;
    i = c + 1;
  }
}
/** Every JSON string token, with the `:` that makes it a key. */
const JSON_STRING = /"(?:[^"\\]|\\.)*"(\s*:)?/g;
/** A plain scalar js-yaml leaves as a string when it overflows a double (yaml reads Infinity). */
const NUMBER_LIKE = /^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** The parsed value, or undefined when the slow path must decide. */
export function parseFast(text: string): { value: unknown } | undefined {
  const json = /^\s*[{[]/.test(text);
  let value: unknown;
  try {
    if (json) value = JSON.parse(text);
    else {
      if (yamlNeedsSlowPath(text)) return undefined;
      // CORE_SCHEMA: YAML 1.2's core schema, as yaml uses (no merge keys, timestamps, binary).
      value = load(text, { schema: CORE_SCHEMA, maxDepth: MAX_DEPTH + 1 } as Parameters<typeof load>[1]);
    }
  } catch {
    return undefined;
  }
  // Not a mapping or list: not an OpenAPI document; the slow path says so with its place.
  if (typeof value !== 'object' || value === null) return undefined;
  const keys = checkValue(value);
  if (keys < 0) return undefined;
  // JSON.parse keeps the last of duplicate keys silently: more key tokens in the text than
  // keys in the value means a duplicate.
  if (json && countJsonKeys(text) !== keys) return undefined;
  return { value };
}

/**
 * Walks the value: -1 when the slow path could decide differently (forbidden key, nesting
 * deeper than MAX_DEPTH, a `null` key or a number-like string js-yaml read differently),
 * otherwise the number of mapping keys.
 */
export function checkValue(root: unknown): number {
  if (typeof root !== 'object' || root === null) return typeof root === 'string' && overflows(root) ? -1 : 0;
  let keys = 0;
  const stack: { v: object; depth: number }[] = [{ v: root, depth: 0 }];
  const visit = (c: unknown, depth: number): boolean => {
    if (typeof c === 'string') return !overflows(c);
    if (typeof c === 'object' && c !== null) stack.push({ v: c, depth });
    return true;
  };
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (depth >= MAX_DEPTH) return -1;
    if (Array.isArray(v)) {
      for (const c of v) if (!visit(c, depth + 1)) return -1;
      continue;
    }
    for (const k of Object.keys(v)) {
      // yaml turns a null key (`~:`, `null:`, `: x`) into "" where js-yaml writes "null".
      if (FORBIDDEN.has(k) || k === 'null' || overflows(k)) return -1;
      keys++;
      if (!visit((v as Record<string, unknown>)[k], depth + 1)) return -1;
    }
  }
  return keys;
}

/** A number-like plain scalar that js-yaml keeps as a string where yaml reads Infinity. */
function overflows(s: string): boolean {
  const c = s.charCodeAt(0);
  // only strings starting with a digit, '+', '-' or '.' can look like numbers
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return false;
  return NUMBER_LIKE.test(s) && !Number.isFinite(Number(s.replace(/_/g, '')));
}

function countJsonKeys(text: string): number {
  let n = 0;
  JSON_STRING.lastIndex = 0;
  for (let m = JSON_STRING.exec(text); m; m = JSON_STRING.exec(text)) if (m[1] !== undefined) n++;
  return n;
}
