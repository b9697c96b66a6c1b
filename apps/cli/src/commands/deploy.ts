import { deploy, Errors, parseVariables } from '@gitway/core';
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
  const bar = await progressBar(ctx, 'deploy');
  const { api } = await readDefinition(ctx, args.file);
  let result;
  try {
    result = await deploy({
      ...ctx,
      api,
      description: args.message,
      stageName: args.stage,
      variables,
      allowEmpty: args.allowEmpty,
      canary,
      onProgress: (done, total) => bar.update(done, total),
    });
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
