import { $, $$, movedMessage, postJson, reloadWith, shownOid, stageName } from './dom.js';

/** "Change active deployment": every trigger (picker, history rows) opens one confirmation dialog. */
export function initDeploymentChange(): void {
  const dialog = $<HTMLDialogElement>('#confirm-dialog');
  if (!dialog) return;
  let pending = '';
  let opener: HTMLElement | null = null;
  const open = (id: string, label: string, from: HTMLElement) => {
    pending = id;
    opener = from;
    $('#confirm-target')!.textContent = label;
    $('#confirm-error')!.textContent = '';
    $<HTMLButtonElement>('#confirm-ok')!.disabled = false;
    dialog.showModal();
  };
  for (const btn of $$('[data-activate]')) {
    btn.addEventListener('click', () => open(btn.getAttribute('data-deployment')!, btn.getAttribute('data-label') ?? '', btn));
  }
  const picker = $<HTMLFormElement>('#change-deployment-form');
  picker?.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const sel = $<HTMLSelectElement>('#deployment-select')!;
    const opt = sel.options[sel.selectedIndex];
    if (!opt?.value) {
      $('#picker-error')!.textContent = 'Choose a deployment first.';
      sel.focus();
      return;
    }
    $('#picker-error')!.textContent = '';
    open(opt.value, opt.textContent ?? '', $('button', picker)!);
  });
  $('#confirm-cancel')!.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => opener?.focus());
  $('#confirm-ok')!.addEventListener('click', async () => {
    const ok = $<HTMLButtonElement>('#confirm-ok')!;
    ok.disabled = true;
    const answer = await postJson('', { patchOperations: [{ op: 'replace', path: '/deploymentId', value: pending }], expectedOid: shownOid() });
    if (answer.ok) return reloadWith('ok', `Stage ${stageName} now serves deployment ${pending.slice(0, 10)}.`);
    if (answer.status === 409) return reloadWith('warn', movedMessage());
    $('#confirm-error')!.textContent = String(answer.body.message ?? `request failed (${answer.status})`);
    ok.disabled = false;
  });
}
