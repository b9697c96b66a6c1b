import { type Api, type MethodSetting, type Stage } from '@gitway/core';
import { METHOD_SETTING_PATHS, methodSettingPath } from '@gitway/core/internal';
import { apiMethods } from '../data/apiMethods.js';
import { html, type SafeHtml } from '../html.js';
import { editorForm, selectField, textField } from './fields.js';

const BOOL = (unset: string): [string, string][] => [['', unset], ['true', 'on'], ['false', 'off']];

/** The ten settings of a method, in the console's order: label and how to edit them. */
const SETTINGS: [suffix: string, label: string, kind: 'bool' | 'number' | [string, string][]][] = [
  ['throttling/rateLimit', 'Rate limit (requests per second)', 'number'],
  ['throttling/burstLimit', 'Burst limit (requests)', 'number'],
  ['caching/enabled', 'Caching', 'bool'],
  ['caching/ttlInSeconds', 'Cache time-to-live (seconds)', 'number'],
  ['caching/dataEncrypted', 'Encrypt cache data', 'bool'],
  ['caching/requireAuthorizationForCacheControl', 'Require authorization for Cache-Control', 'bool'],
  ['caching/unauthorizedCacheControlHeaderStrategy', 'Unauthorized Cache-Control requests', [['FAIL_WITH_403', 'fail with 403'], ['SUCCEED_WITH_RESPONSE_HEADER', 'succeed with a warning header'], ['SUCCEED_WITHOUT_RESPONSE_HEADER', 'succeed without a header']]],
  ['logging/loglevel', 'CloudWatch log level', [['OFF', 'OFF'], ['ERROR', 'ERROR'], ['INFO', 'INFO']]],
  ['logging/dataTrace', 'Log full requests and responses (data trace)', 'bool'],
  ['metrics/enabled', 'Detailed CloudWatch metrics', 'bool'],
];

/** "pets/{petId}/GET" -> "GET /pets/{petId}". */
const label = (key: string) => (key === '*/*' ? 'All methods (*/*)' : `${key.slice(key.lastIndexOf('/') + 1)} /${key.slice(0, key.lastIndexOf('/'))}`);

function methodFields(prefix: string, idBase: string, setting: MethodSetting, all: boolean): SafeHtml {
  const unset = all ? '(API Gateway default)' : '(as all methods)';
  return html`<div class="fields">${SETTINGS.map(([suffix, text, kind]) => {
    const value = setting[METHOD_SETTING_PATHS[suffix][0]];
    const o = { id: `${idBase}-${suffix.replace(/\W/g, '-')}`, label: text, path: `${prefix}/${suffix}`, value: value === undefined ? undefined : String(value), removable: true };
    if (kind === 'number') return textField({ ...o, inputmode: 'decimal', help: value === undefined ? unset : undefined });
    return selectField({ ...o, options: kind === 'bool' ? BOOL(unset) : [['', unset], ...kind] });
  })}</div>`;
}

function methodBlock(key: string, setting: MethodSetting, n: number): SafeHtml {
  const all = key === '*/*';
  return html`<fieldset class="method"><legend><code>${label(key)}</code></legend>${all ? html`<p class="muted">Default method throttling and settings; unset throttling means 10000 requests/s, burst 5000.</p>` : ''}${methodFields(methodSettingPath(key), `ms-${n}`, setting, all)}</fieldset>`;
}

/**
 * Default method throttling (`*\/*`) and per-method overrides: every MethodSetting
 * field, for the methods that have settings, plus "Add settings for a method" over the
 * active deployment's methods (a `<template>` the script clones).
 */
export function methodSettingsEditor(stage: Stage, api: Api | null): SafeHtml {
  const settings = stage.methodSettings ?? {};
  const keys = ['*/*', ...Object.keys(settings).filter((k) => k !== '*/*').sort()];
  const others = apiMethods(api).map((m) => m.key).filter((k) => !(k in settings));
  const add = others.length
    ? html`<div class="add-method"><label for="ms-add-select">Add settings for a method</label>
<select id="ms-add-select">${others.map((k) => html`<option value="${methodSettingPath(k)}" data-label="${label(k)}">${label(k)}</option>`)}</select>
<button type="button" id="ms-add">Add method</button></div>
<template id="ms-template"><fieldset class="method"><legend><code data-label></code></legend>${methodFields('__PREFIX__', 'ms-new-__N__', {}, false)}</fieldset></template>`
    : '';
  return html`<section aria-labelledby="ms-h">
<h2 id="ms-h">Method settings</h2>
${editorForm({
  id: 'ms-form',
  title: 'Method settings',
  body: html`<div id="ms-blocks">${keys.map((k, i) => methodBlock(k, settings[k] ?? {}, i + 1))}</div>${add}`,
})}
</section>`;
}
