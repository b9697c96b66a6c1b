import { deepEqual } from '../utils/deepEqual.js';
import type { ChangeKind } from './types.js';

/** One leaf-level difference between two JSON values. */
export interface FieldChange {
  kind: ChangeKind;
  path: string[];
  before?: unknown;
  after?: unknown;
}

/**
 * Maps whose entries are compared one by one even when the whole map is new or gone
 * (a new `requestParameters` map shows as one change per parameter); other objects
 * appearing or disappearing are one change (a new response "404").
 */
export const CONTAINER_KEYS = new Set([
  'requestParameters', 'requestModels', 'responseParameters', 'responseModels', 'requestTemplates', 'responseTemplates',
  'methodResponses', 'integrationResponses', 'methodIntegration', 'extensions', 'schema', 'properties', 'variables',
]);

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Deep difference of two JSON values: objects are walked key by key, arrays and
 * scalars compare as a whole.
 *
 * @example
 * jsonChanges({ a: { b: 1 } }, { a: { b: 2 } }); // [{ kind: 'changed', path: ['a', 'b'], before: 1, after: 2 }]
 */
export function jsonChanges(before: unknown, after: unknown, path: string[] = []): FieldChange[] {
  if (deepEqual(before, after)) return [];
  const key = path[path.length - 1];
  const walkable = (v: unknown) => isPlainObject(v) || (v === undefined && (key === undefined || CONTAINER_KEYS.has(key)));
  if (isPlainObject(before) || isPlainObject(after)) {
    if (walkable(before) && walkable(after)) {
      const a = (before ?? {}) as Record<string, unknown>;
      const b = (after ?? {}) as Record<string, unknown>;
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      return keys.flatMap((k) => jsonChanges(a[k], b[k], [...path, k]));
    }
  }
  if (before === undefined) return [{ kind: 'added', path, after }];
  if (after === undefined) return [{ kind: 'removed', path, before }];
  return [{ kind: 'changed', path, before, after }];
}
