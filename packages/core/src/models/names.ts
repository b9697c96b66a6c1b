import { InvalidNameError } from '../errors/InvalidNameError.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';
import { MAX_REF_COMPONENT_BYTES, printableName, refNameProblem } from './refName.js';

/** Stage names gitway keeps for itself: `HEAD` (a revision) and `_gitway` (the preview's dashboard path). */
export const RESERVED_STAGE_NAMES: readonly string[] = ['HEAD', '_gitway'];

/**
 * Why `name` is not a valid stage name, or null (API Gateway's rule plus gitway's reserved names).
 *
 * @example
 * stageNameProblem('prod');    // null
 * stageNameProblem('_gitway'); // "'_gitway' is reserved by gitway"
 */
export function stageNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(name)) return 'use 1-128 characters from A-Z a-z 0-9 _ -';
  if (RESERVED_STAGE_NAMES.includes(name)) return `'${name}' is reserved by gitway`;
  return null;
}

/**
 * API Gateway stage names: [A-Za-z0-9_-], 1..128 (always a valid git ref component),
 * except gitway's reserved `HEAD` and `_gitway`.
 *
 * @example
 * assertStageName('prod'); // ok
 * assertStageName('HEAD'); // throws InvalidNameError
 */
export function assertStageName(name: string): void {
  const problem = stageNameProblem(name);
  if (problem) throw new InvalidNameError(`invalid stage name '${printableName(name)}': ${problem}`, { kind: 'stage', name });
}

/** Why `name` is not a valid branch name, or null: git's check-ref-format rules, no leading '-', not HEAD, components fit a file name. */
export function branchNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name === '') return 'is empty';
  if (name === 'HEAD' || name === '@') return `'${name}' is reserved (it means HEAD)`;
  if (name.startsWith('-')) return "starts with '-'";
  const problem = refNameProblem(`refs/heads/${name}`);
  if (problem) return problem;
  if (name.split('/').some((c) => Buffer.byteLength(c) > MAX_REF_COMPONENT_BYTES)) return `has a component longer than ${MAX_REF_COMPONENT_BYTES} bytes`;
  return null;
}

/**
 * Branch names by git's check-ref-format rules (plus no leading '-', no 'HEAD', and no
 * component longer than a file name allows), as `git branch` enforces them.
 *
 * @example
 * assertBranchName('feature/x'); // ok
 * assertBranchName('a..b');      // throws InvalidNameError
 */
export function assertBranchName(name: string): void {
  const problem = branchNameProblem(name);
  if (problem) throw new InvalidNameError(`'${printableName(name)}' is not a valid branch name (${problem})`, { kind: 'branch', name });
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
