import { html, type SafeHtml } from './html.js';

/** Deployment ids as humans see them: 10 characters, like AWS's. */
export const short = (id: string): string => id.slice(0, 10);

/** "just now", "5 minutes ago", "3 days ago"... */
export function age(iso: string, now: number): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return iso;
  if (seconds < 0) return 'in the future';
  if (seconds < 45) return 'just now';
  const units: [number, string][] = [[60, 'minute'], [3600, 'hour'], [86400, 'day'], [2592000, 'month'], [31536000, 'year']];
  let [size, name] = units[0];
  for (const u of units) if (seconds >= u[0]) [size, name] = u;
  const n = Math.max(1, Math.round(seconds / size));
  return `${n} ${name}${n === 1 ? '' : 's'} ago`;
}

/** A `<time>` showing the age, with the exact date as its machine value and tooltip. */
export function timeAgo(iso: string, now: number): SafeHtml {
  return html`<time datetime="${iso}" title="${iso}">${age(iso, now)}</time>`;
}

/** A deployment id (short, full id in the tooltip) with its description. */
export function deploymentLabel(id: string, description: string | undefined): SafeHtml {
  return html`<code class="id" title="${id}">${short(id)}</code>${description ? html` <span class="desc">${description.split('\n')[0]}</span>` : ''}`;
}

/** A value of a stage record as one short line. */
export function showValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'string') return /^[0-9a-f]{40}$/.test(value) ? short(value) : value;
  return JSON.stringify(value);
}

/** Path of the dashboard page of a stage, a branch's deployments, or a diff. */
export const links = {
  home: '/_gitway/',
  stage: (name: string) => `/_gitway/stages/${encodeURIComponent(name)}`,
  deployments: (branch?: string) => `/_gitway/deployments${branch ? `?branch=${encodeURIComponent(branch)}` : ''}`,
  diff: (from?: string, to?: string) => (from && to ? `/_gitway/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` : '/_gitway/diff'),
};
