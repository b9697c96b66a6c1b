import type { Change, ChangeTarget } from './types.js';
import { classify, paramParts } from './classify.js';
import { fieldName } from './fieldName.js';
import { jsonChanges } from './jsonChanges.js';

/**
 * The semantic changes of one tree file (`before`/`after` are its parsed JSON,
 * undefined when absent): one change for a whole added/removed thing, else one per
 * changed field, each classified.
 */
export function fileChanges(file: string, target: ChangeTarget, path: string, before: unknown, after: unknown): Change[] {
  if (before === undefined || after === undefined) {
    const kind = before === undefined ? 'added' : 'removed';
    return [{ kind, target, path, file, before, after, ...classify(target, kind, [], before, after) }];
  }
  const out: Change[] = jsonChanges(before, after).map((c) => ({
    kind: c.kind,
    target,
    path,
    field: fieldName(c.path),
    fieldPath: c.path,
    file,
    before: c.before,
    after: c.after,
    ...classify(target, c.kind, c.path, c.before, c.after),
  }));
  if (target === 'operation') markMovedParameters(out);
  return out;
}

/** A parameter removed from one location and added in another has moved: breaking. */
function markMovedParameters(changes: Change[]): void {
  const params = changes.filter((c) => c.fieldPath?.[0] === 'requestParameters' && c.fieldPath.length === 2);
  for (const added of params.filter((c) => c.kind === 'added')) {
    const [loc, name] = paramParts(added.fieldPath![1]!);
    const removed = params.find((c) => c.kind === 'removed' && paramParts(c.fieldPath![1]!)[1] === name && paramParts(c.fieldPath![1]!)[0] !== loc);
    if (removed) {
      added.breaking = true;
      added.reason = `parameter '${name}' moved from ${paramParts(removed.fieldPath![1]!)[0]} to ${loc}`;
    }
  }
}
