import { html, type SafeHtml } from '../html.js';

/**
 * Form fields of the stage editors. Each carries the AWS patch path it edits
 * (`data-path`) and the value shown (`data-original`); the page script turns changed
 * fields into patch operations and core judges them. `removable`: clearing the field
 * removes the setting (op remove) instead of replacing it with "".
 */
export interface FieldOptions {
  id: string;
  label: string;
  path: string;
  value: string | undefined;
  help?: string;
  removable?: boolean;
  /** inputmode for the on-screen keyboard ("decimal", "numeric"). */
  inputmode?: string;
  multiline?: boolean;
}

const described = (o: { id: string; help?: string }) => `${o.id}-error${o.help ? ` ${o.id}-help` : ''}`;
const after = (o: { id: string; help?: string }) => html`${o.help ? html`<p class="help" id="${o.id}-help">${o.help}</p>` : ''}<p class="field-error" id="${o.id}-error"></p>`;

export function textField(o: FieldOptions): SafeHtml {
  const common = html`id="${o.id}" name="${o.id}" data-path="${o.path}" data-original="${o.value ?? ''}"${o.removable ? html` data-removable` : ''} aria-describedby="${described(o)}" autocomplete="off" spellcheck="false"`;
  const input = o.multiline
    ? html`<textarea ${common} rows="3">${o.value ?? ''}</textarea>`
    : html`<input type="text" ${common} value="${o.value ?? ''}"${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}>`;
  return html`<div class="field${o.multiline ? ' wide' : ''}"><label for="${o.id}">${o.label}</label>${input}${after(o)}</div>`;
}

export function checkField(o: Omit<FieldOptions, 'value'> & { checked: boolean }): SafeHtml {
  return html`<div class="field check"><input type="checkbox" id="${o.id}" name="${o.id}" data-path="${o.path}" data-original="${String(o.checked)}"${o.checked ? html` checked` : ''} aria-describedby="${described(o)}"><label for="${o.id}">${o.label}</label>${after(o)}</div>`;
}

export function selectField(o: FieldOptions & { options: [string, string][] }): SafeHtml {
  return html`<div class="field"><label for="${o.id}">${o.label}</label><select id="${o.id}" name="${o.id}" data-path="${o.path}" data-original="${o.value ?? ''}"${o.removable ? html` data-removable` : ''} aria-describedby="${described(o)}">${o.options.map(
    ([v, label]) => html`<option value="${v}"${v === (o.value ?? '') ? html` selected` : ''}>${label}</option>`,
  )}</select>${after(o)}</div>`;
}

/**
 * An editor form: its fields, a form-level error, "Review changes…" (opens the review
 * dialog with what will change) and optional fixed actions (`data-ops`: patch
 * operations reviewed the same way, such as "Promote canary").
 */
export function editorForm(o: { id: string; title: string; body: SafeHtml; actions?: SafeHtml; submit?: string }): SafeHtml {
  return html`<form id="${o.id}" class="editor" data-editor data-title="${o.title}" novalidate>
${o.body}
<p class="form-error" id="${o.id}-error" role="alert"></p>
<div class="actions start">${o.actions ?? ''}<button type="submit" class="primary">${o.submit ?? 'Review changes…'}</button></div>
</form>`;
}

function mapRow(prefix: string, n: number, noun: string, name: string, value: string): SafeHtml {
  const field = (kind: 'name' | 'value', v: string, label: string) => {
    const id = `${prefix}-${kind}-${n}`;
    return html`<td><label class="sr-only" for="${id}">${label}</label><input type="text" id="${id}" class="map-${kind}" value="${v}" autocomplete="off" spellcheck="false" aria-describedby="${id}-error"><p class="field-error" id="${id}-error"></p></td>`;
  };
  return html`<tr>${field('name', name, `Name of ${noun} ${name}`)}${field('value', value, `Value of ${noun} ${name}`)}<td><button type="button" data-remove aria-label="Remove ${noun} ${name}">Remove</button></td></tr>`;
}

/**
 * A name/value editor (stage variables, canary overrides, tags): one patch path per
 * name under `path` (`/variables/{name}`), removed names become remove operations.
 */
export function mapEditor(o: { id: string; path: string; noun: string; entries: Record<string, string> }): SafeHtml {
  return html`<div class="map-editor" id="${o.id}" data-map data-prefix="${o.path}/" data-noun="${o.noun}" data-original="${JSON.stringify(o.entries)}">
<table class="vars-editor">
<thead><tr><th scope="col">Name</th><th scope="col">Value</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
<tbody data-rows>${Object.entries(o.entries).map(([k, v], i) => mapRow(o.id, i + 1, o.noun, k, v))}</tbody>
</table>
<button type="button" data-add>Add ${o.noun}</button>
</div>`;
}
