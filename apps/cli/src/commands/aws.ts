import type { Context, Output } from '../context.js';

interface Args {
  _: (string | number)[];
  stage?: string;
  restApiId: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  dryRun?: boolean;
}

export default async function (ctx: Context, args: Args): Promise<Output> {
  // The SDK warns on Node 20 on every run about its releases after January 2027; the version
  // gitway pins supports Node 20, so the warning says nothing a user can act on here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const aws = await import('@gitway/aws');
  const client = aws.createApiGatewayClient({ region: args.region, profile: args.profile, endpointUrl: args.endpointUrl });
  const progress = (line: string) => {
    if (!ctx.quiet && !ctx.json) process.stderr.write(`${line}\n`);
  };
  const opts = { ...ctx, client, restApiId: args.restApiId };
  try {
    const verb = String(args._[1]);
    if (verb === 'pull') return pull(await aws.pullRestApi({ ...opts, onCall: (op, detail) => progress(`${op} ${detail}`) }), ctx);
    const result = await aws.pushStage({
      ...opts,
      stageName: args.stage!,
      dryRun: verb === 'status' || !!args.dryRun,
      onCall: (call, i, n) => progress(`[${i + 1}/${n}] ${aws.renderCall(call)[0]}`),
    });
    const { plan, region } = result;
    const json = { restApiId: plan.restApiId, stageName: plan.stageName, region, calls: plan.calls, done: result.done, inSync: plan.calls.length === 0 };
    if (verb === 'status') return { json, text: status(plan), exitCode: plan.calls.length ? 1 : 0 };
    if (result.dryRun) return { json, text: aws.renderPlan(plan, region) };
    if (!plan.calls.length) return { json, text: aws.renderPlan(plan, region) };
    const created = result.done.filter((d) => d.awsDeploymentId).map((d) => `${d.deploymentId!.slice(0, 10)} = AWS deployment ${d.awsDeploymentId}`);
    return { json, text: [`pushed stage ${plan.stageName} to REST API ${plan.restApiId} (${region}): ${aws.summary(plan)}`, ...created.map((c) => `  ${c}`)].join('\n') };
  } finally {
    client.destroy();
  }
}

function status(plan: import('@gitway/aws').PushPlan): string {
  if (!plan.calls.length) return `stage ${plan.stageName} is in sync with REST API ${plan.restApiId}`;
  const lines = [`stage ${plan.stageName} differs from REST API ${plan.restApiId}:`];
  if (plan.createStage) lines.push(`  stage: missing on AWS`);
  for (const id of plan.newDeployments) lines.push(`  definition: deployment ${id.slice(0, 10)} is not on AWS`);
  if (plan.deployment && !plan.createStage) lines.push(`  deployment: AWS serves ${plan.deployment.aws}, gitway ${plan.deployment.gitway.slice(0, 10)}${plan.deployment.awsId ? ` (AWS ${plan.deployment.awsId})` : ''}`);
  for (const op of plan.settings) lines.push(`  setting: ${op.op} ${op.path}${op.op !== 'remove' && op.value !== undefined ? ` = ${op.value}` : ''}`);
  for (const t of plan.tags) lines.push(`  tags: ${t.operation} ${JSON.stringify(t.input.tags ?? t.input.tagKeys)}`);
  lines.push(`run 'gitway aws push ${plan.stageName} --rest-api-id ${plan.restApiId}' to make AWS match`);
  return lines.join('\n');
}

function pull(r: import('@gitway/aws').PullResult, ctx: Context): Output {
  const lines = [`pulled REST API ${r.restApiId} into branch ${r.branch}`];
  for (const d of r.deployments) lines.push(`  deployment ${d.awsId} -> ${d.deploymentId.slice(0, 10)}${d.imported ? ' (imported)' : ''}${d.createdDate ? ` ${d.createdDate}` : ''}`);
  for (const s of r.stages) {
    lines.push(`  stage ${ctx.color.cyan(s.stageName)}: ${s.action}${s.action === 'updated' && s.patchOperations.length ? ` (${s.patchOperations.length} change${s.patchOperations.length === 1 ? '' : 's'})` : ''}, serves ${s.deploymentId.slice(0, 10)}`);
    for (const n of s.notes) lines.push(`    note: ${n}`);
  }
  for (const d of r.notImportable) lines.push(`  not importable: deployment ${d.id}${d.description ? ` (${d.description})` : ''}: no stage serves it, so AWS cannot export it`);
  return { json: r, text: lines.join('\n') };
}
