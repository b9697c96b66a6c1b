import { age, shortId } from '@gitway/core/internal';
import { html, type SafeHtml } from './html.js';

/** A `<time>` showing the age, with the exact date as its machine value and tooltip. */
export function timeAgo(iso: string, now: number): SafeHtml {
  return html`<time datetime="${iso}" title="${iso}">${age(iso, now)}</time>`;
}

/** A deployment id (short, full id in the tooltip) with its description. */
export function deploymentLabel(id: string, description: string | undefined): SafeHtml {
  return html`<code class="id" title="${id}">${shortId(id)}</code>${description ? html` <span class="desc">${description.split('\n')[0]}</span>` : ''}`;
}

/** A value of a stage record as one short line. */
export function showValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'string') return /^[0-9a-f]{40}$/.test(value) ? shortId(value) : value;
  return JSON.stringify(value);
}

/** Path of the dashboard page of a stage, a branch's deployments, or a diff. */
export const links = {
  home: '/_gitway/',
  stage: (name: string) => `/_gitway/stages/${encodeURIComponent(name)}`,
  deployments: (branch?: string) => `/_gitway/deployments${branch ? `?branch=${encodeURIComponent(branch)}` : ''}`,
  diff: (from?: string, to?: string) => (from && to ? `/_gitway/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` : '/_gitway/diff'),
};
