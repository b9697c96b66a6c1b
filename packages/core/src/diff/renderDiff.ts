import type { Change, DiffResult } from './types.js';

/** Colour functions for human output (picocolors' shape); identity by default. */
export interface DiffColors {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const plain: DiffColors = { red: (s) => s, green: (s) => s, yellow: (s) => s, bold: (s) => s, dim: (s) => s };

/**
 * A JSON value in one short line: bare strings, compact JSON, long values cut at 80.
 *
 * @example
 * shortValue({ a: 1 }); // '{"a":1}'
 */
export function shortValue(v: unknown): string {
  const text = typeof v === 'string' ? v : v === undefined ? '(none)' : JSON.stringify(v);
  return text.length > 80 ? text.slice(0, 77) + '...' : text;
}

/**
 * How a change's subject reads: operations by "METHOD /path", others prefixed by kind.
 *
 * @example
 * changeSubject({ target: 'model', path: 'Pet' }); // 'model Pet'
 */
export function changeSubject(c: Pick<Change, 'target' | 'path'>): string {
  return c.target === 'operation' || c.target === 'api' ? c.path : `${c.target === 'gatewayResponse' ? 'gateway response' : c.target} ${c.path}`;
}

/**
 * One line per change: `~ GET /pets/{petId}  integration.uri: http://a -> http://b`,
 * with `+`/`-` for additions and removals and a BREAKING marker with its reason.
 *
 * @example
 * console.log(renderDiff(await diff({ fs, gitdir, from: 'prod', to: 'main' }), pc));
 */
export function renderDiff(result: DiffResult, colors: DiffColors = plain): string {
  if (result.changes.length === 0) return 'no changes';
  const lines = result.changes.map((c) => {
    const sign = c.kind === 'added' ? colors.green('+') : c.kind === 'removed' ? colors.red('-') : colors.yellow('~');
    let detail: string;
    if (c.field === undefined) detail = colors.dim(`(${c.target === 'gatewayResponse' ? 'gateway response' : c.target} ${c.kind})`);
    else if (c.kind === 'changed') detail = `${c.field}: ${colors.red(shortValue(c.before))} -> ${colors.green(shortValue(c.after))}`;
    else if (c.kind === 'added') detail = `${c.field}: ${colors.green('+ ' + shortValue(c.after))}`;
    else detail = `${c.field}: ${colors.red('- ' + shortValue(c.before))}`;
    const mark = c.breaking ? '  ' + colors.red(colors.bold(`BREAKING: ${c.reason}`)) : '';
    return `${sign} ${colors.bold(changeSubject(c))}  ${detail}${mark}`;
  });
  return [...lines, '', summary(result)].join('\n');
}

/**
 * One-line summary of a diff.
 *
 * @example
 * summary(result); // '3 changes in 2 places, 1 breaking'
 */
export function summary(result: DiffResult): string {
  const places = new Set(result.changes.map((c) => changeSubject(c))).size;
  const breaking = result.changes.filter((c) => c.breaking).length;
  const n = result.changes.length;
  return `${n} change${n === 1 ? '' : 's'} in ${places} place${places === 1 ? '' : 's'}, ${breaking} breaking`;
}

/**
 * `--stat`: one line per changed thing with its number of changes, then the summary.
 *
 * @example
 * renderStat(result); // " GET /pets  | 2 changes, 1 breaking\n..."
 */
export function renderStat(result: DiffResult, colors: DiffColors = plain): string {
  const groups = new Map<string, Change[]>();
  for (const c of result.changes) groups.set(changeSubject(c), [...(groups.get(changeSubject(c)) ?? []), c]);
  const width = Math.max(0, ...[...groups.keys()].map((k) => k.length));
  const lines = [...groups].map(([subject, cs]) => {
    const whole = cs.find((c) => c.field === undefined);
    const what = whole ? whole.kind : `${cs.length} change${cs.length === 1 ? '' : 's'}`;
    const b = cs.filter((c) => c.breaking).length;
    return ` ${subject.padEnd(width)} | ${what}${b ? ', ' + colors.red(`${b} breaking`) : ''}`;
  });
  return [...lines, ' ' + summary(result)].join('\n');
}

/**
 * `--name-only`: the changed things, one per line.
 *
 * @example
 * renderNameOnly(result); // 'GET /pets\nmodel Pet'
 */
export function renderNameOnly(result: DiffResult): string {
  return [...new Set(result.changes.map((c) => changeSubject(c)))].join('\n');
}
