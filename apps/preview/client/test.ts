import { $, postJson, setFieldError } from './dom.js';

interface TestResult {
  status: number;
  body: string;
  headers: Record<string, string>;
  log: string;
  latency: number;
}

/** Shown bodies are clipped (a 10 MB answer would freeze the page); the full one is in `gitway test-invoke`. */
const MAX_SHOWN = 200_000;
const clip = (text: string) => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}\n… (${text.length - MAX_SHOWN} more characters not shown)` : text);

/** The server's field names -> the inputs their errors belong to. */
const FIELDS: Record<string, string> = {
  httpMethod: '#test-method',
  pathWithQueryString: '#test-path',
  headers: '#test-headers',
  stageVariables: '#test-vars',
  body: '#test-body',
  canary: '#test-canary',
};

/** "Name: value" (headers) or "name=value" (variables) lines as a map; a malformed line is reported on `input`. */
function lines(input: HTMLTextAreaElement, separator: string, shape: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [i, line] of input.value.split('\n').entries()) {
    if (line.trim() === '') continue;
    const at = line.indexOf(separator);
    if (at <= 0) {
      setFieldError(input, `Line ${i + 1}: expected ${shape}`);
      return null;
    }
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

function show(result: TestResult): void {
  $('#test-status')!.textContent = String(result.status);
  $('#test-latency')!.textContent = `${result.latency} ms`;
  $('#test-response-body')!.textContent = clip(result.body) || '(empty)';
  $('#test-response-headers')!.textContent = Object.entries(result.headers).map(([k, v]) => `${k}: ${v}`).join('\n') || '(none)';
  $('#test-log')!.textContent = clip(result.log);
  $('#test-result')!.hidden = false;
  $('#test-result-h')!.focus();
}

/** The Test panel: runs the request through POST /_gitway/api/stages/{name}/test and shows the answer and the execution log. */
export function initTestPanel(): void {
  const form = $<HTMLFormElement>('#test-form');
  if (!form) return;
  const method = $<HTMLSelectElement>('#test-method')!;
  const path = $<HTMLInputElement>('#test-path')!;
  method.addEventListener('change', () => {
    path.value = method.selectedOptions[0]?.getAttribute('data-path') ?? '/';
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const sel of Object.values(FIELDS)) {
      const el = $(sel);
      if (el) setFieldError(el, '');
    }
    const error = $('#test-form-error')!;
    error.textContent = '';
    const headers = lines($<HTMLTextAreaElement>('#test-headers')!, ':', 'Name: value');
    const stageVariables = lines($<HTMLTextAreaElement>('#test-vars')!, '=', 'name=value');
    if (!headers || !stageVariables) return;
    const run = $<HTMLButtonElement>('#test-run')!;
    run.disabled = true;
    try {
      const body = $<HTMLTextAreaElement>('#test-body')!.value;
      const answer = await postJson('/test', {
        httpMethod: method.value,
        pathWithQueryString: path.value,
        headers,
        stageVariables,
        body: body === '' ? undefined : body,
        canary: $<HTMLInputElement>('#test-canary')?.checked ?? false,
      });
      if (answer.ok) return show(answer.body as unknown as TestResult);
      const field = $(FIELDS[String(answer.body.field)] ?? '#none');
      const message = String(answer.body.message ?? `request failed (${answer.status})`);
      if (field) {
        setFieldError(field, message);
        field.focus();
      } else error.textContent = message;
    } catch (e) {
      error.textContent = (e as Error).message;
    } finally {
      run.disabled = false;
    }
  });
}
