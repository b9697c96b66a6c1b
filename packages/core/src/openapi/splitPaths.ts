/**
 * A definition's text cut at its top-level path entries (internal), so each entry can be
 * parsed and imported on its own (importByPath.ts). The cut is taken only where it is
 * certain: anything unusual returns undefined and the whole document is parsed as one.
 *
 * - YAML: a line that is exactly `paths:` at column 0, then block entries all at one
 *   indentation, each starting with `/` or a quote; every other line of the section is
 *   deeper or blank. The section ends at the next line starting at column 0. No `\r`, no
 *   other column-0 line starting with `paths`. Each entry is whole lines.
 * - JSON: the top-level `"paths"` key (found by a tokenizer that follows strings and
 *   nesting) holding an object; each entry is the text from its key to the end of its value.
 *
 * The skeleton is the document without the entries (`paths:` with nothing under it, or
 * `"paths":{}`); `wrap(entry)` is a document holding only that entry under `paths`, at the
 * same depth and indentation as in the whole document.
 */
export interface PathSplit {
  syntax: 'yaml' | 'json';
  skeleton: string;
  entries: string[];
}

export function splitPaths(text: string): PathSplit | undefined {
  return /^\s*[{[]/.test(text) ? splitJson(text) : splitYaml(text);
}

/** A document holding only `entry` under `paths` (same depth, same indentation). */
export function wrapEntry(syntax: PathSplit['syntax'], entry: string): string {
  return syntax === 'json' ? `{"paths":{${entry}}}` : `paths:\n${entry}`;
}

const SPACE = 32;

function splitYaml(text: string): PathSplit | undefined {
  if (text.includes('\r')) return undefined;
  const header = text.startsWith('paths:\n') ? 0 : text.indexOf('\npaths:\n') + 1;
  if (header <= 0 && !text.startsWith('paths:\n')) return undefined;
  const bodyStart = header + 'paths:\n'.length;
  if (text.indexOf('\npaths', bodyStart - 1) >= 0) return undefined;
  const starts: number[] = [];
  let indent = -1;
  let end = text.length;
  for (let pos = bodyStart; pos < text.length; ) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    let i = pos;
    while (i < lineEnd && text.charCodeAt(i) === SPACE) i++;
    if (i < lineEnd) {
      const n = i - pos;
      if (n === 0) {
        end = pos;
        break;
      }
      if (indent < 0) indent = n;
      if (n < indent) return undefined;
      if (n === indent) {
        const c = text[i];
        if (c !== '/' && c !== '"' && c !== "'") return undefined;
        starts.push(pos);
      }
    }
    pos = lineEnd + 1;
  }
  if (starts.length === 0) return undefined;
  const entries = starts.map((s, k) => text.slice(s, k + 1 < starts.length ? starts[k + 1] : end));
  return { syntax: 'yaml', skeleton: text.slice(0, bodyStart) + text.slice(end), entries };
}

const isWs = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

function skipWs(text: string, i: number): number {
  while (i < text.length && isWs(text.charCodeAt(i))) i++;
  return i;
}

/** Index just after the string starting at `i` (a `"`), or -1 when it is not closed. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; ; ) {
    const q = text.indexOf('"', j);
    if (q < 0) return -1;
    let backslashes = 0;
    for (let b = q - 1; text.charCodeAt(b) === 92; b--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** Index just after the JSON value starting at `i`, or -1 (only the nesting is followed; JSON.parse checks the rest). */
function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  if (c !== '{' && c !== '[') {
    let j = i;
    while (j < text.length && !isWs(text.charCodeAt(j)) && text[j] !== ',' && text[j] !== '}' && text[j] !== ']') j++;
    return j > i ? j : -1;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const d = text[j];
    if (d === '"') {
      j = stringEnd(text, j) - 1;
      if (j < 0) return -1;
    } else if (d === '{' || d === '[') depth++;
    else if (d === '}' || d === ']') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

function splitJson(text: string): PathSplit | undefined {
  let i = skipWs(text, 0);
  if (text[i] !== '{') return undefined;
  // the top-level members, key by key, up to "paths"
  for (i = skipWs(text, i + 1); ; ) {
    if (text[i] !== '"') return undefined;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return undefined;
    const key = text.slice(i, keyEnd);
    i = skipWs(text, keyEnd);
    if (text[i] !== ':') return undefined;
    i = skipWs(text, i + 1);
    if (key === '"paths"') break;
    i = valueEnd(text, i);
    if (i < 0) return undefined;
    i = skipWs(text, i);
    if (text[i] !== ',') return undefined;
    i = skipWs(text, i + 1);
  }
  if (text[i] !== '{') return undefined;
  const open = i;
  const entries: string[] = [];
  for (i = skipWs(text, i + 1); text[i] !== '}'; ) {
    if (text[i] !== '"') return undefined;
    const start = i;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return undefined;
    i = skipWs(text, keyEnd);
    if (text[i] !== ':') return undefined;
    const end = valueEnd(text, skipWs(text, i + 1));
    if (end < 0) return undefined;
    entries.push(text.slice(start, end));
    i = skipWs(text, end);
    if (text[i] === ',') {
      i = skipWs(text, i + 1);
      if (text[i] !== '"') return undefined; // no trailing comma
    } else if (text[i] !== '}') return undefined;
  }
  if (entries.length === 0) return undefined;
  return { syntax: 'json', skeleton: text.slice(0, open + 1) + text.slice(i), entries };
}
