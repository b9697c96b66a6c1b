import { deepEqual } from '../utils/deepEqual.js';
import { isPlainObject } from '../diff/jsonChanges.js';

/** One field both sides changed differently (values undefined when absent on that side). */
export interface JsonConflict {
  path: string[];
  base: unknown;
  ours: unknown;
  theirs: unknown;
}

/**
 * Three-way merge of JSON values at field granularity: a side that left a value as it
 * was in `base` takes the other side's; objects changed on both sides merge key by key
 * (a map absent in `base` counts as empty, so both sides adding different entries is
 * clean); the same value changed two ways, or changed on one side and removed on the
 * other, is a conflict and the result keeps `ours` there. Arrays are merged as a whole.
 *
 * @example
 * mergeJson({ a: 1, b: 1 }, { a: 2, b: 1 }, { a: 1, b: 3 }); // { value: { a: 2, b: 3 }, conflicts: [] }
 */
export function mergeJson(base: unknown, ours: unknown, theirs: unknown, path: string[] = []): { value: unknown; conflicts: JsonConflict[] } {
  if (deepEqual(ours, theirs)) return { value: ours, conflicts: [] };
  if (deepEqual(base, ours)) return { value: theirs, conflicts: [] };
  if (deepEqual(base, theirs)) return { value: ours, conflicts: [] };
  if (isPlainObject(ours) && isPlainObject(theirs) && (base === undefined || isPlainObject(base))) {
    const b = (base ?? {}) as Record<string, unknown>;
    const value: Record<string, unknown> = {};
    const conflicts: JsonConflict[] = [];
    const keys = [...new Set([...Object.keys(b), ...Object.keys(ours), ...Object.keys(theirs)])].sort();
    for (const key of keys) {
      const m = mergeJson(b[key], ours[key], theirs[key], [...path, key]);
      if (m.value !== undefined) value[key] = m.value;
      conflicts.push(...m.conflicts);
    }
    return { value, conflicts };
  }
  return { value: ours, conflicts: [{ path, base, ours, theirs }] };
}
