import { getStages } from '@gitway/core';
import type { ApiRepo } from './registry.js';
import { currentApi } from './wire.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `/_gitway/`: a plain page listing the served REST APIs and the URL of each stage. */
export async function apiList(repos: ApiRepo[]): Promise<string> {
  const rows: string[] = [];
  for (const repo of repos) {
    const api = await currentApi(repo).catch(() => null);
    const stages = await getStages(repo).catch(() => []);
    const links = stages.map((s) => `<a href="/restapis/${repo.restApiId}/${esc(s.stageName)}/_user_request_/">${esc(s.stageName)}</a>`).join(' ');
    rows.push(`<tr><td><code>${repo.restApiId}</code></td><td>${esc(api?.restApi.name ?? '(unreadable definition)')}</td><td>${links || '<em>no stages</em>'}</td><td><code>${esc(repo.dir)}</code></td></tr>`);
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>gitway serve</title></head><body><h1>gitway serve</h1>
<table><thead><tr><th>restApiId</th><th>name</th><th>stages</th><th>repository</th></tr></thead><tbody>
${rows.join('\n') || '<tr><td colspan="4"><em>no REST APIs yet: aws apigateway create-rest-api --name NAME --endpoint-url ...</em></td></tr>'}
</tbody></table></body></html>
`;
}
