import type { Api, Stage } from '@gitway/core';
import { compileRouter } from '@gitway/runtime/host';
import { apiMethods, type ApiMethod } from '../data/apiMethods.js';
import { html, type SafeHtml } from '../html.js';
import { checkField } from './fields.js';

/** What the Test form starts with (a live request's "Test this request" link fills it). */
export interface TestPrefill {
  method?: string;
  path?: string;
}

/** The method a live request was served by, found by the runtime's own router. */
function methodFor(methods: ApiMethod[], api: Api | null, prefill: TestPrefill): ApiMethod | undefined {
  if (!api || !prefill.method || !prefill.path) return undefined;
  const hit = compileRouter(api.resources).match(prefill.method.toUpperCase(), prefill.path.split('?')[0]);
  return hit ? methods.find((m) => m.path === hit.resource.path && m.httpMethod === hit.method.httpMethod) : undefined;
}

const area = (id: string, label: string, help: string, rows = 3) =>
  html`<div class="field wide"><label for="${id}">${label}</label><textarea id="${id}" rows="${rows}" spellcheck="false" aria-describedby="${id}-help ${id}-error"></textarea><p class="help" id="${id}-help">${help}</p><p class="field-error" id="${id}-error"></p></div>`;

/**
 * "Test a method" (TestInvokeMethod): a method of the active deployment, the path with
 * its parameters filled in and a query string, headers, body and stage variable
 * overrides, optionally against the canary; the answer shows status, latency, headers,
 * body and API Gateway's execution log.
 */
export function testPanel(stage: Stage, api: Api | null, prefill: TestPrefill): SafeHtml {
  const methods = apiMethods(api);
  const chosen = methodFor(methods, api, prefill) ?? methods[0];
  const option = (m: ApiMethod) => {
    const verb = m.httpMethod === 'ANY' ? 'GET' : m.httpMethod;
    const label = m.httpMethod === 'ANY' ? `ANY ${m.path} (sent as GET)` : `${m.httpMethod} ${m.path}`;
    return html`<option value="${verb}" data-path="${m.path}"${m === chosen ? html` selected` : ''}>${label}</option>`;
  };
  return html`<section aria-labelledby="test-h">
<h2 id="test-h">Test a method</h2>
<p>Runs one request through this stage as API Gateway's console Test does: no throttling, authorizers, API keys or cache, and the full execution log. The same as <code>gitway test-invoke</code>.</p>
<form id="test-form" class="editor" novalidate>
<div class="fields">
<div class="field"><label for="test-method">Method</label><select id="test-method" aria-describedby="test-method-error">${methods.map(option)}</select><p class="field-error" id="test-method-error"></p></div>
<div class="field wide"><label for="test-path">Path and query string</label><input type="text" id="test-path" value="${prefill.path ?? chosen?.path ?? '/'}" spellcheck="false" autocomplete="off" aria-describedby="test-path-help test-path-error"><p class="help" id="test-path-help">Fill in the path parameters, e.g. <code>/pets/7?limit=2</code>.</p><p class="field-error" id="test-path-error"></p></div>
${area('test-headers', 'Headers', 'One "Name: value" per line.')}
${area('test-vars', 'Stage variable overrides', 'One name=value per line, over the stage variables for this request only.', 2)}
${area('test-body', 'Request body', 'Sent as is; up to 10 MB.', 4)}
${stage.canarySettings ? checkField({ id: 'test-canary', label: 'Run against the canary deployment', path: '', checked: false }) : ''}
</div>
<p class="form-error" id="test-form-error" role="alert"></p>
<div class="actions start"><button type="submit" class="primary" id="test-run">Run test</button></div>
</form>
<div id="test-result" hidden>
<h3 id="test-result-h" tabindex="-1">Result</h3>
<dl class="kv panel"><dt>Status</dt><dd id="test-status"></dd><dt>Latency</dt><dd id="test-latency"></dd></dl>
<h3>Response body</h3><pre id="test-response-body" class="body" tabindex="0"></pre>
<h3>Response headers</h3><pre id="test-response-headers" class="body" tabindex="0"></pre>
<h3>Log</h3><pre id="test-log" class="body log" tabindex="0" aria-label="Execution log"></pre>
</div>
</section>`;
}
