/** Resource path validation (internal). */

const PARAM = /^\{[A-Za-z0-9._-]+\+?\}$/;
const LITERAL = /^[^{}\s?#]+$/;

/**
 * Validates an OpenAPI path key as an API Gateway resource path and returns it without a
 * trailing slash ("/pets/" -> "/pets"; "/" stays). Returns an error reason instead when invalid:
 * must start with "/", no empty segments, `{name}` or `{name+}` whole segments only, and
 * a greedy `{proxy+}` only as the last segment.
 */
export function normalizePath(path: string): { path: string } | { reason: string } {
  if (!path.startsWith('/')) return { reason: 'a resource path must start with "/"' };
  if (path === '/') return { path };
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  const segments = trimmed.slice(1).split('/');
  for (const [i, seg] of segments.entries()) {
    if (seg === '') return { reason: 'empty path segment' };
    if (seg.includes('{') || seg.includes('}')) {
      if (!PARAM.test(seg)) return { reason: `invalid path parameter segment "${seg}" (expected {name} or {name+})` };
      if (seg.endsWith('+}') && i !== segments.length - 1) return { reason: `greedy path parameter "${seg}" must be the last segment` };
    } else if (!LITERAL.test(seg)) return { reason: `invalid path segment "${seg}"` };
  }
  return { path: trimmed };
}
