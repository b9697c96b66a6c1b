import { assetUrl } from '../assets/index.js';
import type { RouteContext } from '../context.js';
import { links } from '../format.js';
import { html, type SafeHtml } from '../html.js';

export type Section = 'stages' | 'deployments' | 'diff';

export interface PageOptions {
  title: string;
  section?: Section;
  body: SafeHtml;
  /** Attributes for `<main>` the script reads (`data-stage`, `data-oid`). */
  data?: Record<string, string>;
}

const NAV: [Section, string, string][] = [
  ['stages', 'Stages', links.home],
  ['deployments', 'Deployments', links.deployments()],
  ['diff', 'Diff', links.diff()],
];

/** The page shell: skip link, navigation, a live region for messages, the CSRF token. */
export function layout(rc: RouteContext, page: PageOptions): SafeHtml {
  const data = Object.entries(page.data ?? {}).map(([k, v]) => html` data-${k}="${v}"`);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="gitway-csrf" content="${rc.ctx.csrfToken}">
<title>${page.title} · gitway</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl('app.css')}">
<script type="module" src="${assetUrl('app.js')}"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<a class="brand" href="${links.home}">gitway</a>
<nav aria-label="Dashboard"><ul>${NAV.map(
    ([key, label, href]) => html`<li><a href="${href}"${key === page.section ? html` aria-current="page"` : ''}>${label}</a></li>`,
  )}</ul></nav>
</header>
<main id="main" tabindex="-1"${data}>
<div id="flash" class="flash" role="status" aria-live="polite"></div>
${page.body}
</main>
<footer>Served by gitway preview. Stage changes made here are stage commits, like <code>gitway stage update</code>.</footer>
</body>
</html>
`;
}

/** The 404 (or other error) page. */
export function errorPage(rc: RouteContext, status: number, message: string): SafeHtml {
  const title = status === 404 ? 'Not found' : status === 403 ? 'Forbidden' : status === 400 ? 'Bad request' : 'Error';
  return layout(rc, {
    title,
    body: html`<h1>${title}</h1><p class="panel">${message}</p><p><a href="${links.home}">Back to the stages</a> · <a href="${links.deployments()}">Deployments</a></p>`,
  });
}
