import { deploy, Errors, parseVariables, recordDefinitionTree } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { readDefinition } from '../utils/definition.js';
import { progressBar } from '../utils/progress.js';
import { short } from '../utils/format.js';

interface Args {
  file?: string;
  message?: string;
  stage?: string;
  variables?: string;
  stageDescription?: string;
  allowEmpty?: boolean;
  canary?: number;
  canaryVariables?: string;
}

export default async function (ctx: Context, args: Args): Promise<Output> {
  const variables = args.variables !== undefined ? parseVariables(args.variables) : undefined;
  if (args.canaryVariables !== undefined && args.canary === undefined) {
    throw new Errors.InvalidParameterError('--canary-variables needs --canary PERCENT', { path: '/canarySettings', value: args.canaryVariables });
  }
  const canary =
    args.canary !== undefined
      ? { percentTraffic: args.canary, stageVariableOverrides: args.canaryVariables !== undefined ? parseVariables(args.canaryVariables) : undefined }
      : undefined;
  // On a terminal: parsing a large definition is most of the time, then the objects.
  const bar = await progressBar(ctx, 'deploy');
  bar.update(0, 100, `reading ${args.file ?? 'the working definition'}`);
  let result;
  try {
    const { api, source } = await readDefinition(ctx, args.file);
    bar.update(60, 100, 'building the deployment tree');
    result = await deploy({
      ...ctx,
      api,
      description: args.message,
      stageName: args.stage,
      variables,
      allowEmpty: args.allowEmpty,
      canary,
      onProgress: (done, total) => bar.update(60 + Math.round((40 * done) / Math.max(total, 1)), 100, `writing ${total} objects`),
    });
    // status and diff now answer from the index while the file stays unchanged.
    await recordDefinitionTree({ ...ctx, source, tree: result.tree });
  } finally {
    bar.stop();
  }
  const c = ctx.color;
  const lines = [
    result.created
      ? `[${result.branch} ${c.yellow(short(result.id))}] ${result.description || '(no description)'}  (${result.objectsWritten} objects written)`
      : `${c.dim('unchanged:')} ${result.branch} already holds this API as ${c.yellow(short(result.id))}`,
  ];
  if (result.stage && canary) {
    lines.push(`stage ${c.cyan(result.stage.stageName)}: canary ${c.yellow(short(result.id))} at ${canary.percentTraffic}% (active ${c.yellow(short(result.stage.deploymentId))})`);
  } else if (result.stage) lines.push(`stage ${c.cyan(result.stage.stageName)} -> ${c.yellow(short(result.stage.deploymentId))}`);
  return { json: { id: result.id, description: result.description, createdDate: result.createdDate }, text: lines.join('\n') };
}
