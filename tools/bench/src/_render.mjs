import { renderTemplate, createVtlInput, createVtlUtil } from '@gitway/runtime';
const t = `{"id": "$input.params('id')", "stage": "$context.stage", "method": "$context.httpMethod", "requestId": "$context.requestId"}`;
const util = createVtlUtil();
const params = { path: { id: '42' }, querystring: {}, header: { host: 'x' } };
function once() {
  const ctx = { stage: 'bench', httpMethod: 'GET', requestId: crypto.randomUUID(), identity: { sourceIp: '1' }, error: {} };
  return renderTemplate(t, { input: createVtlInput('', params), util, context: ctx, stageVariables: {} });
}
for (let i = 0; i < 5000; i++) once();
const N = 50000; const c0 = process.cpuUsage();
for (let i = 0; i < N; i++) once();
const c = process.cpuUsage(c0); console.log('render us', ((c.user + c.system) / N).toFixed(2), once());
