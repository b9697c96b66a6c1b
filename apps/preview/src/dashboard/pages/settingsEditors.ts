import { CACHE_CLUSTER_SIZES, type Stage } from '@gitway/core';
import { html, type SafeHtml } from '../html.js';
import { checkField, editorForm, mapEditor, selectField, textField } from './fields.js';

/** A client certificate the stage can use (`gitway client-certificate list`). */
export interface CertificateChoice {
  clientCertificateId: string;
  description?: string;
}

function certificateField(stage: Stage, certificates: CertificateChoice[] | undefined): SafeHtml {
  const common = { id: 'set-cert', label: 'Client certificate', path: '/clientCertificateId', value: stage.clientCertificateId, removable: true };
  if (!certificates) return textField({ ...common, help: 'The id of a client certificate API Gateway presents to HTTP backends; empty for none.' });
  const known = certificates.some((c) => c.clientCertificateId === stage.clientCertificateId);
  const options: [string, string][] = [
    ['', '(none)'],
    ...certificates.map((c): [string, string] => [c.clientCertificateId, `${c.clientCertificateId}${c.description ? ` — ${c.description}` : ''}`]),
    ...(stage.clientCertificateId && !known ? [[stage.clientCertificateId, `${stage.clientCertificateId} (not in this repository)`] as [string, string]] : []),
  ];
  return selectField({ ...common, options, help: 'Generate one with gitway client-certificate generate.' });
}

/** Description and client certificate. */
export function generalEditor(stage: Stage, certificates?: CertificateChoice[]): SafeHtml {
  return html`<section aria-labelledby="general-h">
<h2 id="general-h">Stage settings</h2>
${editorForm({
  id: 'general-form',
  title: 'Stage settings',
  body: html`<div class="fields">${textField({ id: 'set-description', label: 'Description', path: '/description', value: stage.description, removable: true, multiline: true })}
${certificateField(stage, certificates)}</div>`,
})}
</section>`;
}

/** Cache cluster: enable and size (GB). */
export function cacheEditor(stage: Stage): SafeHtml {
  return html`<section aria-labelledby="cache-h">
<h2 id="cache-h">Cache</h2>
${editorForm({
  id: 'cache-form',
  title: 'Cache cluster',
  body: html`<div class="fields">${checkField({ id: 'set-cache-enabled', label: 'Enable the stage cache cluster', path: '/cacheClusterEnabled', checked: stage.cacheClusterEnabled })}
${selectField({
  id: 'set-cache-size',
  label: 'Cache capacity (GB)',
  path: '/cacheClusterSize',
  value: stage.cacheClusterSize ?? '0.5',
  options: CACHE_CLUSTER_SIZES.map((s): [string, string] => [s, `${s} GB`]),
  help: 'Methods are cached only where caching is on in their method settings.',
})}</div>`,
})}
</section>`;
}

/** Access log destination and format, and X-Ray tracing. */
export function logsEditor(stage: Stage): SafeHtml {
  const a = stage.accessLogSettings;
  return html`<section aria-labelledby="logs-h">
<h2 id="logs-h">Logs and tracing</h2>
${editorForm({
  id: 'logs-form',
  title: 'Logs and tracing',
  body: html`<div class="fields">${textField({ id: 'set-log-arn', label: 'Access log destination ARN', path: '/accessLogSettings/destinationArn', value: a?.destinationArn, removable: true, help: 'A CloudWatch Logs or Firehose ARN; locally, access log lines go to the preview log.' })}
${textField({ id: 'set-log-format', label: 'Access log format', path: '/accessLogSettings/format', value: a?.format, removable: true, multiline: true, help: 'With $context variables, e.g. $context.requestId $context.httpMethod $context.resourcePath $context.status' })}
${checkField({ id: 'set-tracing', label: 'Enable X-Ray tracing', path: '/tracingEnabled', checked: stage.tracingEnabled })}</div>`,
})}
</section>`;
}

/** The stage variables editor. */
export function variablesEditor(stage: Stage): SafeHtml {
  return html`<section aria-labelledby="vars-h">
<h2 id="vars-h">Stage variables</h2>
<p>Used as <code>\${stageVariables.name}</code> in integrations and <code>$stageVariables.name</code> in mapping templates.</p>
${editorForm({ id: 'vars-form', title: 'Stage variables', body: mapEditor({ id: 'vars', path: '/variables', noun: 'variable', entries: stage.variables ?? {} }) })}
</section>`;
}

/** Tags (TagResource / UntagResource). */
export function tagsEditor(stage: Stage): SafeHtml {
  return html`<section aria-labelledby="tags-h">
<h2 id="tags-h">Tags</h2>
${editorForm({ id: 'tags-form', title: 'Tags', body: mapEditor({ id: 'tags', path: '/tags', noun: 'tag', entries: stage.tags ?? {} }) })}
</section>`;
}
