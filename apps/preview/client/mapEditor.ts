import { $, $$ } from './dom.js';

let counter = 0;

function field(kind: 'name' | 'value', id: string, label: string): HTMLTableCellElement {
  const td = document.createElement('td');
  const l = document.createElement('label');
  l.className = 'sr-only';
  l.htmlFor = id;
  l.textContent = label;
  const input = document.createElement('input');
  input.type = 'text';
  input.id = id;
  input.className = `map-${kind}`;
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.setAttribute('aria-describedby', `${id}-error`);
  const err = document.createElement('p');
  err.className = 'field-error';
  err.id = `${id}-error`;
  td.append(l, input, err);
  return td;
}

function wireRemove(tr: HTMLTableRowElement, editor: HTMLElement): void {
  $<HTMLButtonElement>('[data-remove]', tr)?.addEventListener('click', () => {
    const next = (tr.nextElementSibling ?? tr.previousElementSibling) as HTMLElement | null;
    tr.remove();
    (next ? $('input', next) : $('[data-add]', editor))?.focus();
  });
}

/** Add and Remove buttons of the name/value editors (variables, canary overrides, tags). */
export function initMapEditors(): void {
  for (const editor of $$('[data-map]')) {
    const rows = $('[data-rows]', editor)!;
    const noun = editor.getAttribute('data-noun') ?? 'entry';
    for (const tr of $$<HTMLTableRowElement>('tr', rows)) wireRemove(tr, editor);
    $('[data-add]', editor)?.addEventListener('click', () => {
      counter += 1;
      const base = `${editor.id}-new${counter}`;
      const tr = document.createElement('tr');
      const rm = document.createElement('button');
      rm.type = 'button';
      rm.setAttribute('data-remove', '');
      rm.textContent = 'Remove';
      rm.setAttribute('aria-label', `Remove new ${noun} ${counter}`);
      const actions = document.createElement('td');
      actions.append(rm);
      tr.append(field('name', `${base}-name`, `Name of new ${noun} ${counter}`), field('value', `${base}-value`, `Value of new ${noun} ${counter}`), actions);
      rows.append(tr);
      wireRemove(tr, editor);
      $('input', tr)?.focus();
    });
  }
}
