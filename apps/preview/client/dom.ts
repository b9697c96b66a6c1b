/** Small DOM helpers shared by the dashboard's editors. */

export const $ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document): T | null => root.querySelector<T>(sel);
export const $$ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document): T[] => Array.from(root.querySelectorAll<T>(sel));

const main = $('#main');
/** The stage the page shows (absent on other pages). */
export const stageName = main?.getAttribute('data-stage') ?? '';
/** The stage state the page shows: every change is a compare-and-swap on it. */
export const shownOid = (): string => main?.getAttribute('data-oid') ?? '';
const token = $<HTMLMetaElement>('meta[name="gitway-csrf"]')?.content ?? '';

const FLASH_KEY = 'gitway-flash';

export function showFlash(kind: string, text: string): void {
  const el = $('#flash');
  if (!el) return;
  el.className = `flash ${kind}`;
  el.textContent = text;
}

/** Shows the message kept over the last reload, if any. */
export function restoreFlash(): void {
  try {
    const saved = sessionStorage.getItem(FLASH_KEY);
    if (!saved) return;
    sessionStorage.removeItem(FLASH_KEY);
    const f = JSON.parse(saved) as { kind: string; text: string };
    showFlash(f.kind, f.text);
  } catch {
    // storage unavailable: no message
  }
}

/** Reloads the page (so it shows the newest state) and shows `text` after the reload. */
export function reloadWith(kind: string, text: string): void {
  try {
    sessionStorage.setItem(FLASH_KEY, JSON.stringify({ kind, text }));
  } catch {
    // storage unavailable: reload without the message
  }
  location.reload();
}

export const movedMessage = (): string =>
  `Stage ${stageName} was changed elsewhere since this page was loaded, so your change was not applied. The page now shows the latest state; review it and try again.`;

/** The JSON answer of a dashboard POST: status and parsed body (`{}` if none). */
export interface Answer {
  status: number;
  ok: boolean;
  body: Record<string, unknown>;
}

/** POSTs JSON to the dashboard API with the CSRF token. */
export async function postJson(path: string, body: unknown): Promise<Answer> {
  const res = await fetch(`/_gitway/api/stages/${encodeURIComponent(stageName)}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gitway-csrf': token },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  const parsed = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: res.status, ok: res.ok, body: parsed };
}

/** Shows `message` under a field (its `<p id="{id}-error">`) and marks it invalid; '' clears. */
export function setFieldError(input: HTMLElement, message: string): void {
  const err = document.getElementById(`${input.id}-error`);
  if (err) err.textContent = message;
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}
