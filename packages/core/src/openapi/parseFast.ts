/**
 * The fast path of parseText (internal): `JSON.parse` for JSON, js-yaml for YAML, then the
 * same refusals as the slow path (forbidden keys, nesting depth) on the resulting value.
 * It never reports an error itself: whenever it cannot accept a document exactly as the
 * slow path would (any syntax error, duplicate key, alias, explicit tag, forbidden key,
 * nesting too deep, a scalar the two parsers read differently), it returns undefined and
 * the caller runs the position-aware `yaml` parser, whose error (file:line:column, JSON
 * pointer) is the one the user sees. So both paths refuse exactly the same documents
 * (property-tested in parseFast.property.test.ts).
 */
import { load } from 'js-yaml';
import { MAX_DEPTH } from './parseLimits.js';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
/** Tabs (yaml refuses some that js-yaml takes as white space) and tag tokens (`!foo`, `!!str`,
 * `!<...>`, which the two resolve differently) go to the slow path. */
/** A tag token (`!foo`, `!!str`, `!<...>`): js-yaml and yaml resolve tags differently. */
const TAG = /(?:^|[\s[{,?:-])!/m;
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
      if (TAG.test(text) || text.includes('\t')) return undefined;
      value = load(text, { maxAliases: 0, maxDepth: MAX_DEPTH + 1 });
    }
  } catch {
    return undefined;
  }
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
  let keys = 0;
  const stack: { v: unknown; depth: number }[] = [{ v: root, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (NUMBER_LIKE.test(v) && !Number.isFinite(Number(v.replace(/_/g, '')))) return -1;
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_DEPTH) return -1;
    if (Array.isArray(v)) {
      for (const c of v) stack.push({ v: c, depth: depth + 1 });
      continue;
    }
    for (const k of Object.keys(v)) {
      // yaml turns a null key (`~:`, `null:`, `: x`) into "" where js-yaml writes "null".
      if (FORBIDDEN.has(k) || k === 'null' || (NUMBER_LIKE.test(k) && !Number.isFinite(Number(k.replace(/_/g, ''))))) return -1;
      keys++;
      stack.push({ v: (v as Record<string, unknown>)[k], depth: depth + 1 });
    }
  }
  return keys;
}

function countJsonKeys(text: string): number {
  let n = 0;
  JSON_STRING.lastIndex = 0;
  for (let m = JSON_STRING.exec(text); m; m = JSON_STRING.exec(text)) if (m[1] !== undefined) n++;
  return n;
}
