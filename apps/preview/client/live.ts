import { $, stageName } from './dom.js';

import type { LoggedRequest } from './loggedRequest.js';

const MAX_ROWS = 50;

function cell(...children: (Node | string)[]): HTMLTableCellElement {
  const td = document.createElement('td');
  td.append(...children);
  return td;
}
function el(tag: string, text: string, className?: string): HTMLElement {
  const e = document.createElement(tag);
  e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** A row like the server renders it; every value goes in as text, never as markup. */
function row(r: LoggedRequest): HTMLTableRowElement {
  const tr = document.createElement('tr');
  const time = el('time', r.time.slice(11, 19));
  time.setAttribute('datetime', r.time);
  const link = document.createElement('a');
  link.href = `/_gitway/stages/${encodeURIComponent(stageName)}/requests/${r.id}`;
  link.append(el('code', r.path + (r.query ? `?${r.query}` : '')));
  const path = cell(link);
  path.className = 'value';
  tr.append(
    cell(time),
    cell(el('code', r.method)),
    path,
    cell(el('span', String(r.status), `badge ${r.status >= 400 ? 'breaking' : 'ok'}`)),
    cell(`${r.latency} ms`),
    cell(r.canary ? el('span', 'canary', 'badge canary') : 'stage'),
  );
  return tr;
}

/** The live requests panel: new requests arrive by server-sent events. */
export function initLiveRequests(): void {
  const rows = $('#live-rows');
  if (!rows || !stageName) return;
  const status = $('#live-status')!;
  const source = new EventSource(`/_gitway/api/stages/${encodeURIComponent(stageName)}/requests/events`);
  source.addEventListener('open', () => (status.textContent = 'Live: new requests appear as they are served.'));
  source.addEventListener('error', () => (status.textContent = 'Disconnected; reconnecting…'));
  source.addEventListener('request', (ev) => {
    const r = JSON.parse((ev as MessageEvent<string>).data) as LoggedRequest;
    rows.prepend(row(r));
    while (rows.children.length > MAX_ROWS) rows.lastElementChild!.remove();
    $('#live-empty')?.setAttribute('hidden', '');
  });
  addEventListener('pagehide', () => source.close());
}
