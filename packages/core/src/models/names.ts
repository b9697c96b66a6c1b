import { InvalidNameError } from '../errors/InvalidNameError.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';

/** API Gateway stage names: [A-Za-z0-9_-], 1..128. (Also always a valid git ref component.) */
export function assertStageName(name: string): void {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(name)) {
    throw new InvalidNameError(
      `invalid stage name '${String(name)}': use 1-128 characters from A-Z a-z 0-9 _ -`,
      { kind: 'stage', name },
    );
  }
}

/**
 * Branch names by git's check-ref-format rules (plus no leading '-' and no 'HEAD'), as
 * `git branch` enforces them.
 */
export function assertBranchName(name: string): void {
  const bad =
    typeof name !== 'string' ||
    name === '' ||
    name === 'HEAD' ||
    name.startsWith('-') ||
    name.startsWith('/') ||
    name.endsWith('/') ||
    name.endsWith('.') ||
    name.includes('..') ||
    name.includes('//') ||
    name.includes('@{') ||
    name === '@' ||
    /[\x00-\x20\x7f~^:?*[\\]/.test(name) ||
    name.split('/').some((c) => c.startsWith('.') || c.endsWith('.lock') || c === '');
  if (bad) throw new InvalidNameError(`'${String(name)}' is not a valid branch name`, { kind: 'branch', name });
}

/** Stage variable names: [A-Za-z0-9_]+, at most 64 characters. */
export function assertVariableName(name: string): void {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_]{1,64}$/.test(name)) {
    throw new InvalidNameError(
      `invalid stage variable name '${String(name)}': use 1-64 characters from A-Z a-z 0-9 _`,
      { kind: 'variable', name },
    );
  }
}

/** Stage variable values: [A-Za-z0-9-._~:/?#&=,]+, at most 512 characters. */
export function assertVariableValue(name: string, value: string): void {
  if (typeof value !== 'string' || !/^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/.test(value)) {
    throw new InvalidParameterError(
      `invalid value for stage variable '${name}': 1-512 characters from A-Z a-z 0-9 - . _ ~ : / ? # & = ,`,
      { path: `/variables/${name}`, value },
    );
  }
}

/**
 * Parses repeatable "name=value" items (the CLI's --variable form) into validated stage
 * variables: the value is everything after the first "=", so it may hold commas, which
 * API Gateway allows in values and the comma-separated --variables form cannot carry.
 *
 * @example
 * parseVariableList(['list=a,b,c', 'url=http://x/?q=1']); // { list: 'a,b,c', url: 'http://x/?q=1' }
 */
export function parseVariableList(items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const item of items) {
    const [name, value] = splitPair(item, 'variable', '/variables');
    assertVariableName(name);
    assertVariableValue(name, value);
    out[name] = value;
  }
  return { ...out };
}

/** "k=v" -> [k, v] at the first "=" (the value may hold more); a missing or leading "=" is refused. */
function splitPair(item: string, what: string, path: string): [string, string] {
  const eq = item.indexOf('=');
  if (eq <= 0) throw new InvalidParameterError(`invalid ${what} '${item}': expected ${what === 'tag' ? 'key' : 'name'}=value`, { path, value: item });
  return [item.slice(0, eq), item.slice(eq + 1)];
}

/**
 * Parses "k=v,k2=v2" tags (the CLI's --tags form; tag values have no commas) into an object.
 *
 * @example
 * parseTags('team=pets,env=dev'); // { team: 'pets', env: 'dev' }
 */
export function parseTags(text: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const pair of text.split(',')) {
    if (pair === '') continue;
    const [key, value] = splitPair(pair, 'tag', '/tags');
    out[key] = value;
  }
  return { ...out };
}

/** Parses "k=v,k2=v2" (the CLI's --variables form) into an object, validating each. */
export function parseVariables(text: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const pair of text.split(',')) {
    if (pair === '') continue;
    const [name, value] = splitPair(pair, 'variable', '/variables');
    assertVariableName(name);
    assertVariableValue(name, value);
    out[name] = value;
  }
  return { ...out };
}
