/**
 * Substitutes `${stageVariables.x}` (missing -> empty) and `{name}` / `{name+}` path
 * parameters (missing -> left as written) into an integration URI. Path values are
 * percent-encoded per segment so a value can never add or climb path segments.
 *
 * @example
 * substituteUri('https://${stageVariables.host}/pets/{id}', { host: 'example.com' }, { id: '7' });
 * // 'https://example.com/pets/7'
 */
export function substituteUri(uri: string, stageVariables: Record<string, string>, pathParameters: Record<string, string> = {}): string {
  const withVars = uri.replace(/\$\{stageVariables\.([A-Za-z0-9_.:\/?#&=,-]+)\}/g, (_, name: string) => (Object.hasOwn(stageVariables, name) ? stageVariables[name] : ''));
  return withVars.replace(/(?<!\$)\{([A-Za-z0-9._-]+?)(\+?)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(pathParameters, name)) return whole;
    return pathParameters[name].split('/').map(encodeSegment).join('/');
  });
}

function encodeSegment(segment: string): string {
  const encoded = encodeURIComponent(segment);
  // URL parsers treat "." / ".." (even as %2E) as dot segments; keep them as literal text.
  return encoded === '.' || encoded === '..' ? encoded.replace(/\./g, '%252E') : encoded;
}
