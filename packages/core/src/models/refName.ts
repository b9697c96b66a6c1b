/**
 * Git's check-ref-format rules, as `git check-ref-format <name>` applies them to a full
 * ref name (refs/...): returns why `name` is not a valid ref name, or null when it is.
 * `oneLevel` accepts names without a slash (as `--allow-onelevel`).
 *
 * @example
 * refNameProblem('refs/heads/main');        // null
 * refNameProblem('refs/heads/../../etc');   // "contains '..'"
 */
export function refNameProblem(name: unknown, oneLevel = false): string | null {
  if (typeof name !== 'string' || name === '') return 'is empty';
  if (name === '@') return "is '@'";
  if (name.includes('..')) return "contains '..'";
  if (name.includes('@{')) return "contains '@{'";
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f]/.test(name)) return 'contains a control character or space';
  if (/[~^:?*[\\]/.test(name)) return "contains one of ~ ^ : ? * [ \\";
  if (name.startsWith('/') || name.endsWith('/')) return "starts or ends with '/'";
  if (name.includes('//')) return "contains '//'";
  if (name.endsWith('.')) return "ends with '.'";
  if (!oneLevel && !name.includes('/')) return 'has only one level';
  for (const c of name.split('/')) {
    if (c.startsWith('.')) return "has a component starting with '.'";
    if (c.endsWith('.lock')) return "has a component ending with '.lock'";
  }
  return null;
}

/** Longest ref name component gitway writes (bytes): a file name of 255 minus ".lock". */
export const MAX_REF_COMPONENT_BYTES = 250;

/**
 * A name as it may be shown in a one-line message: control characters escaped, at most 120 characters.
 *
 * @example
 * printableName('refs/stages/ctl\x01'); // 'refs/stages/ctl\\x01'
 */
export function printableName(name: unknown): string {
  // eslint-disable-next-line no-control-regex
  const text = String(name).replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
