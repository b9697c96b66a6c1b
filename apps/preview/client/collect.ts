import { $, $$ } from './dom.js';

/** An AWS patch operation, as the dashboard API takes it. */
export interface PatchOperation {
  op: string;
  path: string;
  value?: string;
  from?: string;
}

/** A patch operation and where an error about it is shown. */
export interface Edit {
  op: PatchOperation;
  /** The field (or name/value pair) the operation came from; null: the form's error line. */
  field: HTMLElement | null;
  name?: HTMLInputElement;
}

/** JSON pointer escaping of one path segment ("a/b" -> "a~1b"), as AWS patch paths use. */
const escapeSegment = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function valueOf(el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): string {
  return el instanceof HTMLInputElement && el.type === 'checkbox' ? String(el.checked) : el.value;
}

/**
 * The patch operations a form's changed fields stand for: a field whose value differs
 * from the one shown becomes `replace`, or `remove` when emptied and removable. No rule
 * about values lives here: the server asks core.
 */
function fieldEdits(form: HTMLElement): Edit[] {
  const edits: Edit[] = [];
  for (const el of $$<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('[data-path]', form)) {
    const original = el.getAttribute('data-original') ?? '';
    const value = valueOf(el);
    if (value === original) continue;
    const path = el.getAttribute('data-path')!;
    if (value === '' && el.hasAttribute('data-removable')) edits.push({ op: { op: 'remove', path }, field: el });
    else edits.push({ op: { op: 'replace', path, value }, field: el });
  }
  return edits;
}

/** Name/value editors: removed names -> remove, new or changed -> replace. Duplicate names are reported here. */
function mapEdits(form: HTMLElement, problems: [HTMLElement, string][]): Edit[] {
  const edits: Edit[] = [];
  for (const editor of $$('[data-map]', form)) {
    const prefix = editor.getAttribute('data-prefix')!;
    const original = JSON.parse(editor.getAttribute('data-original') ?? '{}') as Record<string, string>;
    const seen = new Set<string>();
    for (const tr of $$('[data-rows] tr', editor)) {
      const name = $<HTMLInputElement>('.map-name', tr)!;
      const value = $<HTMLInputElement>('.map-value', tr)!;
      if (name.value === '' && value.value === '') continue;
      if (seen.has(name.value)) {
        problems.push([name, `Duplicate name '${name.value}': each name appears once`]);
        continue;
      }
      seen.add(name.value);
      if (original[name.value] !== value.value || !Object.hasOwn(original, name.value)) {
        edits.push({ op: { op: 'replace', path: prefix + escapeSegment(name.value), value: value.value }, field: value, name });
      }
    }
    for (const k of Object.keys(original)) if (!seen.has(k)) edits.push({ op: { op: 'remove', path: prefix + escapeSegment(k) }, field: null });
  }
  return edits;
}

/** Every edit of a form, plus problems found while reading it (duplicate names). */
export function collectEdits(form: HTMLElement): { edits: Edit[]; problems: [HTMLElement, string][] } {
  const problems: [HTMLElement, string][] = [];
  const edits = [...fieldEdits(form), ...mapEdits(form, problems)];
  return { edits, problems };
}
