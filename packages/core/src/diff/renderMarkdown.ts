import type { Change, DiffResult } from './types.js';
import { changeSubject, shortValue, summary } from './renderDiff.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (v: unknown) => (v === undefined ? '' : '`' + cell(shortValue(v)).replace(/`/g, "'") + '`');

function row(c: Change): string {
  return `| ${c.kind} | \`${cell(changeSubject(c))}\` | ${c.field ? '`' + cell(c.field) + '`' : ''} | ${code(c.before)} | ${code(c.after)} | ${cell(c.reason)} |`;
}

function table(changes: Change[]): string[] {
  return ['| | what | field | before | after | why |', '|---|---|---|---|---|---|', ...changes.map(row)];
}

/**
 * `--markdown`: a summary and tables (breaking changes first), for pull-request comments.
 *
 * @example
 * await writeFile('diff.md', renderMarkdown(await diff({ fs, gitdir, from: 'prod', to: 'main' })));
 */
export function renderMarkdown(result: DiffResult): string {
  if (result.changes.length === 0) return '### API changes\n\nNo changes.\n';
  const breaking = result.changes.filter((c) => c.breaking);
  const other = result.changes.filter((c) => !c.breaking);
  const out = ['### API changes', '', summary(result) + '.', ''];
  if (breaking.length) out.push('#### :warning: Breaking', '', ...table(breaking), '');
  if (other.length) out.push('#### Other changes', '', ...table(other), '');
  return out.join('\n');
}
