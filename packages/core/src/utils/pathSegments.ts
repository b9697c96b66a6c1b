/**
 * Escaping of names used as git tree entry names (resource path segments, model
 * names...). Rule (DESIGN.md "The store"): percent-encode `%`, `@`, `/`, NUL and
 * control characters anywhere, and a leading `.` (so `.`, `..` and `.git` can never be
 * entry names that git fsck rejects). `@` is reserved for method files (`@GET.json`)
 * and `@resource.json`, so a segment can never collide with them.
 */
export function escapeSegment(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    const code = ch.charCodeAt(0);
    if (ch === '%' || ch === '@' || ch === '/' || ch === '\\' || code < 0x20 || code === 0x7f || (i === 0 && ch === '.')) {
      out += '%' + code.toString(16).toUpperCase().padStart(2, '0');
    } else {
      out += ch;
    }
  }
  return out;
}

export function unescapeSegment(name: string): string {
  return name.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
