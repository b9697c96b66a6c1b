const ALIASES: Record<string, string> = { methodIntegration: 'integration', methodResponses: 'responses' };

/**
 * The display form of a JSON path inside a tree file: dotted, with the model's long
 * names shortened (`methodIntegration` -> `integration`) and keys that are not plain
 * identifiers bracketed: `requestParameters["method.request.path.petId"]`.
 *
 * @example
 * fieldName(['methodIntegration', 'uri']); // 'integration.uri'
 */
export function fieldName(path: readonly string[]): string {
  let out = '';
  path.forEach((seg, i) => {
    const name = i === 0 ? (ALIASES[seg] ?? seg) : seg;
    if (/^[A-Za-z_$][\w$-]*$|^\d+$/.test(name)) out += (i === 0 ? '' : '.') + name;
    else out += `[${JSON.stringify(name)}]`;
  });
  return out;
}
