import { collectEdits, type Edit, type PatchOperation } from './collect.js';
import { $, $$, movedMessage, postJson, reloadWith, setFieldError, shownOid, stageName } from './dom.js';

interface PlannedChange {
  kind: string;
  path: string;
  before?: unknown;
  after?: unknown;
}

const show = (v: unknown): string => (v === undefined ? '(unset)' : typeof v === 'string' ? v : JSON.stringify(v));

function clearErrors(form: HTMLElement): void {
  for (const el of $$('[aria-invalid]', form)) setFieldError(el, '');
  const err = $(`#${form.id}-error`);
  if (err) err.textContent = '';
}

/** Puts core's message next to the field the failing operation came from. */
function showError(form: HTMLElement, edits: Edit[], body: Record<string, unknown>): void {
  const message = String(body.message ?? 'request failed');
  const edit = typeof body.opIndex === 'number' ? edits[body.opIndex] : undefined;
  const target = edit && (body.code === 'InvalidNameError' || edit.name?.value === '' ? (edit.name ?? edit.field) : edit.field);
  if (target) {
    setFieldError(target, message);
    target.focus();
    $(`#${form.id}-error`)!.textContent = 'Nothing was saved: fix the highlighted field.';
  } else {
    $(`#${form.id}-error`)!.textContent = message;
  }
}

function fillDialog(changes: PlannedChange[], ops: PatchOperation[]): void {
  const list = $('#review-changes')!;
  list.replaceChildren(
    ...changes.map((c) => {
      const li = document.createElement('li');
      const code = document.createElement('code');
      code.textContent = c.path;
      const text = c.kind === 'added' ? ` set to ${show(c.after)}` : c.kind === 'removed' ? ` removed (was ${show(c.before)})` : `: ${show(c.before)} → ${show(c.after)}`;
      li.append(code, document.createTextNode(text));
      return li;
    }),
  );
  if (changes.length === 0) {
    const li = document.createElement('li');
    li.textContent = 'No setting changes (the operations leave the stage as it is).';
    list.append(li);
  }
  $('#review-ops')!.textContent = JSON.stringify(ops, null, 2);
  $('#review-error')!.textContent = '';
}

let pending: { title: string; ops: PatchOperation[]; opener: HTMLElement } | null = null;

/** Asks the server what `edits` would change (core validates), then opens the review dialog. */
async function review(form: HTMLElement, edits: Edit[], opener: HTMLElement, title = form.getAttribute('data-title') ?? 'Settings'): Promise<void> {
  clearErrors(form);
  if (edits.length === 0) {
    $(`#${form.id}-error`)!.textContent = 'No changes to review.';
    return;
  }
  const ops = edits.map((e) => e.op);
  const answer = await postJson('/plan', { patchOperations: ops, expectedOid: shownOid() });
  if (answer.status === 409) return reloadWith('warn', movedMessage());
  if (!answer.ok) return showError(form, edits, answer.body);
  fillDialog(answer.body.changes as PlannedChange[], answer.body.patchOperations as PatchOperation[]);
  pending = { title, ops, opener };
  $<HTMLButtonElement>('#review-save')!.disabled = false;
  $<HTMLDialogElement>('#review-dialog')!.showModal();
}

async function save(): Promise<void> {
  if (!pending) return;
  const button = $<HTMLButtonElement>('#review-save')!;
  button.disabled = true;
  const { title, ops } = pending;
  const answer = await postJson('', { patchOperations: ops, expectedOid: shownOid() }).catch((e: Error) => ({ status: 0, ok: false, body: { message: e.message } }));
  if (answer.ok) return reloadWith('ok', `${title}: saved to stage ${stageName} (${ops.length} operation${ops.length === 1 ? '' : 's'}).`);
  if (answer.status === 409) return reloadWith('warn', movedMessage());
  $('#review-error')!.textContent = String(answer.body.message ?? `request failed (${answer.status})`);
  button.disabled = false;
}

/** Every editor form: submit reviews the changed fields; `data-ops` buttons review their fixed operations. */
export function initEditors(): void {
  const dialog = $<HTMLDialogElement>('#review-dialog');
  if (!dialog) return;
  $('#review-cancel')!.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => pending?.opener.focus());
  $('#review-save')!.addEventListener('click', () => void save());
  for (const form of $$<HTMLFormElement>('form[data-editor]')) {
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const { edits, problems } = collectEdits(form);
      if (problems.length) {
        clearErrors(form);
        for (const [el, message] of problems) setFieldError(el, message);
        problems[0][0].focus();
        $(`#${form.id}-error`)!.textContent = 'Nothing was saved: fix the highlighted field.';
        return;
      }
      void review(form, edits, ev.submitter instanceof HTMLElement ? ev.submitter : form);
    });
    for (const button of $$<HTMLButtonElement>('[data-ops]', form)) {
      button.addEventListener('click', () => {
        const ops = JSON.parse(button.getAttribute('data-ops')!) as PatchOperation[];
        void review(form, ops.map((op) => ({ op, field: null })), button, (button.textContent ?? '').replace('…', '').trim());
      });
    }
  }
}
