/**
 * RFC 6901 escape of one JSON-pointer reference token (`~` -> `~0`, `/` -> `~1`): the one
 * owner for patch paths (`/~1pets~1{petId}/GET/...`), OpenAPI `$ref`s and error pointers.
 */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** "~1pets~1{petId}" -> "/pets/{petId}": the inverse of escapePointer. */
export function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}
