import type { PatchOperation } from '@gitway/core';
import type { AwsCall, PushPlan } from './plan.js';

const NEW_REF = /\(new deployment of ([0-9a-f]{40})\)/g;
const short = (text: string) => text.replace(NEW_REF, (_m, id: string) => `(known after CreateDeployment of ${id.slice(0, 10)})`);

function value(v: unknown): string {
  if (typeof v === 'string') return /^[\w./:@*~{}=+-]*$/.test(v) && v !== '' ? short(v) : JSON.stringify(short(v));
  return JSON.stringify(v);
}

/** One call as a line (`UpdateStage restApiId=... stageName=prod`) and its patch operations below it. */
export function renderCall(call: AwsCall): string[] {
  const args: string[] = [];
  for (const [k, v] of Object.entries(call.input)) {
    if (k === 'patchOperations') continue;
    if (k === 'body') args.push(`body=<OpenAPI 3.0 export of ${call.deploymentId!.slice(0, 10)}, ${Buffer.byteLength(String(v))} bytes>`);
    else args.push(`${k}=${value(v)}`);
  }
  const lines = [`${call.operation} ${args.join(' ')}`];
  for (const op of (call.input.patchOperations as PatchOperation[] | undefined) ?? []) {
    lines.push(`    ${op.op} ${op.path}${op.from !== undefined ? ` from ${op.from}` : ''}${op.op !== 'remove' && op.value !== undefined ? ` = ${value(op.value)}` : ''}`);
  }
  return lines;
}

/** The plan as `terraform plan` would show it: each call with its arguments, then a summary. */
export function renderPlan(plan: PushPlan, region: string): string {
  if (!plan.calls.length) return `stage ${plan.stageName} of REST API ${plan.restApiId} (${region}) matches gitway: nothing to do`;
  const lines = [`stage ${plan.stageName} of REST API ${plan.restApiId} (${region}): ${plan.calls.length} call${plan.calls.length === 1 ? '' : 's'} to make`];
  plan.calls.forEach((c, i) => {
    const [first, ...rest] = renderCall(c);
    lines.push(`  ${i + 1}. ${first}`, ...rest.map((l) => `  ${l}`));
  });
  lines.push(`Plan: ${summary(plan)}.`);
  return lines.join('\n');
}

/** "1 new deployment, stage prod moves to 1a2b3c4d5e, 2 settings, 1 tag change" */
export function summary(plan: PushPlan): string {
  const parts: string[] = [];
  if (plan.newDeployments.length) parts.push(`${plan.newDeployments.length} new deployment${plan.newDeployments.length === 1 ? '' : 's'}`);
  if (plan.createStage) parts.push(`create stage ${plan.stageName} on ${plan.deployment!.gitway.slice(0, 10)}`);
  else if (plan.deployment) parts.push(`stage ${plan.stageName} moves to ${plan.deployment.gitway.slice(0, 10)}${plan.deployment.awsId ? ` (AWS deployment ${plan.deployment.awsId})` : ''}`);
  if (plan.settings.length) parts.push(`${plan.settings.length} setting change${plan.settings.length === 1 ? '' : 's'}`);
  const tagKeys = plan.tags.reduce((n, c) => n + ((c.input.tagKeys as string[] | undefined)?.length ?? Object.keys((c.input.tags as object | undefined) ?? {}).length), 0);
  if (tagKeys) parts.push(`${tagKeys} tag change${tagKeys === 1 ? '' : 's'}`);
  return parts.join(', ') || 'nothing to do';
}
