/**
 * Reads one string value from the repository's `config` file without loading
 * isomorphic-git (~110 ms of CPU at start-up): `status`, `diff`, `deploy` and every
 * commit only need `gitway.definition`, `gitway.restApiId`, `user.*` or `remote.<n>.url`.
 * Writes still go through isomorphic-git's `setConfig`, so the file keeps one writer.
 *
 * The rules are isomorphic-git's `GitConfig` (the reader gitway used before; a property test
 * checks both give the same answer): section and key names are case-insensitive, the
 * subsection is case-sensitive, `#`/`;` outside quotes start a comment, quotes are removed,
 * `\t \b \n \\ \"` are unescaped, a key without `=` is `"true"`, and the last value wins.
 */
import type { RepoOptions } from '../models/FsClient.js';
import { join } from '../utils/join.js';

const SECTION_LINE = /^\[([A-Za-z0-9-.]+)(?:[ \t]+"((?:[^"\\]|\\.)*)")?\][ \t]*(?:[#;].*)?$/;
const VARIABLE_LINE = /^([A-Za-z][A-Za-z0-9-]*)(?:\s*=\s*(.*))?$/;
const ESCAPED: Record<string, string> = { t: '\t', b: '\b', n: '\n', '\\': '\\', '"': '"' };

function parseValue(raw: string): string {
  let value = '';
  let pendingSpace = '';
  let inQuotes = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (!inQuotes && /[ \t\r\v\f]/.test(c)) {
      if (value !== '') pendingSpace += c;
      continue;
    }
    if (!inQuotes && (c === '#' || c === ';')) break;
    value += pendingSpace;
    pendingSpace = '';
    if (c === '\\' && ESCAPED[raw[i + 1]] !== undefined) value += ESCAPED[raw[++i]];
    else if (c === '"') inQuotes = !inQuotes;
    else value += c;
  }
  return value;
}

const key = (section: string, subsection: string | undefined, name: string): string =>
  [section.toLowerCase(), subsection, name.toLowerCase()].filter((a) => a !== undefined).join('.');

/** The value of `path` ("section[.subsection].name") in config text `text`: the last one wins. */
export function configValue(text: string, path: string): string | undefined {
  const parts = path.split('.');
  const section = parts.shift() ?? '';
  const name = parts.pop() ?? '';
  const wanted = key(section, parts.length ? parts.join('.') : undefined, name);
  let current: { section: string; subsection?: string } | null = null;
  let found: string | undefined;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    const header = SECTION_LINE.exec(trimmed);
    if (header) {
      current = { section: header[1], subsection: header[2]?.replace(/\\(.)/g, '$1') };
      continue;
    }
    const variable = VARIABLE_LINE.exec(trimmed);
    if (variable && current && key(current.section, current.subsection, variable[1]) === wanted) found = parseValue(variable[2] ?? 'true');
  }
  return found;
}

/**
 * One string value of `<gitdir>/config` (undefined when the file or the key is missing).
 *
 * @example
 * const file = await readConfigValue({ fs, gitdir }, 'gitway.definition'); // "api.yaml"
 */
export async function readConfigValue(opts: RepoOptions, path: string): Promise<string | undefined> {
  const text = await opts.fs.promises.readFile(join(opts.gitdir, 'config'), 'utf8').catch(() => null);
  return typeof text === 'string' ? configValue(text, path) : undefined;
}
