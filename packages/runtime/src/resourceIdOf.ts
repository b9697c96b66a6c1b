import { createHash } from 'node:crypto';

/** `$context.resourceId`: API Gateway's ids are random; a hash of the path keeps ours stable. */
export function resourceIdOf(path: string): string {
  let id = ids.get(path);
  if (id === undefined) {
    id = createHash('sha1').update(path).digest('base64url').slice(0, 6).toLowerCase();
    if (ids.size > 10_000) ids.clear();
    ids.set(path, id);
  }
  return id;
}

const ids = new Map<string, string>();
