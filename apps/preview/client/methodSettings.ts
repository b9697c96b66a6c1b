import { $ } from './dom.js';

let added = 0;

/** "Add settings for a method": clones the server's template for the chosen method. */
export function initMethodSettings(): void {
  const select = $<HTMLSelectElement>('#ms-add-select');
  const template = $<HTMLTemplateElement>('#ms-template');
  if (!select || !template) return;
  $('#ms-add')!.addEventListener('click', () => {
    const opt = select.options[select.selectedIndex];
    if (!opt) return;
    added += 1;
    const block = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
    for (const el of Array.from(block.querySelectorAll('*'))) {
      for (const attr of ['id', 'name', 'for', 'aria-describedby', 'data-path']) {
        const v = el.getAttribute(attr);
        if (v) el.setAttribute(attr, v.replaceAll('__N__', String(added)).replaceAll('__PREFIX__', opt.value));
      }
    }
    block.querySelector('[data-label]')!.textContent = opt.getAttribute('data-label') ?? opt.textContent;
    $('#ms-blocks')!.append(block);
    opt.remove();
    if (select.options.length === 0) $('.add-method')?.setAttribute('hidden', '');
    block.querySelector<HTMLElement>('input, select')?.focus();
  });
}
