import type { PatchOperation } from '@gitway/core';
import { badRequest } from './errors.js';

/** The JSON type of each member of an operation's request body. */
export type FieldType = 'string' | 'boolean' | 'number' | 'stringMap' | 'object' | 'list' | 'any';
export type BodySpec = Record<string, FieldType>;

const TYPE_CHECK: Record<FieldType, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  stringMap: (v) => isObject(v) && Object.values(v).every((x) => typeof x === 'string'),
  object: (v) => isObject(v),
  list: (v) => Array.isArray(v),
  any: () => true,
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses a restJson1 request body of `operation` and checks it against `spec`: malformed
 * JSON, a body that is not an object, an unknown member or a member of the wrong type is a
 * 400 naming the member. An empty body is `{}`. Members set to null count as absent.
 */
export function parseBody(operation: string, body: Buffer, spec: BodySpec): Record<string, any> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text, (k, v) => {
      if (FORBIDDEN_KEYS.has(k)) throw new SyntaxError(`forbidden key '${k}'`);
      return v;
    });
  } catch (err) {
    throw badRequest(`Invalid request body for ${operation}: malformed JSON (${(err as Error).message})`);
  }
  if (!isObject(value)) throw badRequest(`Invalid request body for ${operation}: expected a JSON object`);
  const out: Record<string, any> = {};
  for (const [key, v] of Object.entries(value)) {
    const type = spec[key];
    if (!type) throw badRequest(`Invalid request body for ${operation}: unknown field '${key}' (expected: ${Object.keys(spec).join(', ')})`);
    if (v === null) continue;
    if (!TYPE_CHECK[type](v)) throw badRequest(`Invalid request body for ${operation}: '${key}' must be ${type === 'stringMap' ? 'a map of strings' : `a ${type}`}, got ${JSON.stringify(v).slice(0, 60)}`);
    out[key] = v;
  }
  return out;
}

/** Checks a nested object member (canarySettings, patch operations) against its own spec. */
export function checkNested(operation: string, where: string, value: Record<string, unknown>, spec: BodySpec): void {
  for (const [key, v] of Object.entries(value)) {
    const type = spec[key];
    if (!type) throw badRequest(`Invalid request body for ${operation}: unknown field '${where}.${key}' (expected: ${Object.keys(spec).join(', ')})`);
    if (v !== null && !TYPE_CHECK[type](v)) throw badRequest(`Invalid request body for ${operation}: '${where}.${key}' must be a ${type}, got ${JSON.stringify(v).slice(0, 60)}`);
  }
}

const PATCH_SPEC: BodySpec = { op: 'string', path: 'string', value: 'string', from: 'string' };

/** An UpdateX body's patchOperations: a list of {op, path, value?, from?} objects (absent: none). */
export function checkPatchOperations(operation: string, ops: unknown): PatchOperation[] {
  const list = (ops ?? []) as unknown[];
  list.forEach((op, i) => {
    if (typeof op !== 'object' || op === null || Array.isArray(op)) throw badRequest(`Invalid request body for ${operation}: patchOperations[${i}] must be an object`);
    checkNested(operation, `patchOperations[${i}]`, op as Record<string, unknown>, PATCH_SPEC);
  });
  return list as PatchOperation[];
}
