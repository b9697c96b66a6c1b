import path from 'node:path';
import { deploy, Errors, parseTags, parseVariableList, parseVariables, recordDefinitionTree } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { readDefinition } from '../utils/definition.js';
import { progressBar } from '../utils/progress.js';
import { shortId } from '@gitway/core/internal';

interface Args {
  file?: string;
  message?: string;
  stage?: string;
  variables?: string;
  variable?: string[];
  stageDescription?: string;
  cacheClusterSize?: string;
  tracing?: boolean;
  tags?: string;
  documentationVersion?: string;
  allowEmpty?: boolean;
  canary?: number;
  canaryVariables?: string;
}

export default async function (ctx: Context, args: Args): Promise<Output> {
  const variables =
    args.variables !== undefined || args.variable?.length ? { ...(args.variables !== undefined ? parseVariables(args.variables) : {}), ...parseVariableList(args.variable ?? []) } : undefined;
  const stageOptions = {
    ...(args.cacheClusterSize !== undefined ? { cacheClusterSize: args.cacheClusterSize } : {}),
    ...(args.tracing !== undefined ? { tracingEnabled: args.tracing } : {}),
    ...(args.tags !== undefined ? { tags: parseTags(args.tags) } : {}),
    ...(args.documentationVersion !== undefined ? { documentationVersion: args.documentationVersion } : {}),
  };
  if (!args.stage && (args.stageDescription !== undefined || Object.keys(stageOptions).length)) {
    throw new Errors.InvalidParameterError('--stage-description, --cache-cluster-size, --tracing, --tags and --documentation-version need --stage NAME', { path: '/stageName', value: null });
  }
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
    const { api, file, text, source: indexSource } = await readDefinition(ctx, args.file);
    bar.update(60, 100, 'building the deployment tree');
    result = await deploy({
      ...ctx,
      api,
      description: args.message,
      stageName: args.stage,
      stageDescription: args.stageDescription,
      stageOptions,
      source: { text, filename: path.relative(ctx.cwd, file) || file },
      variables,
      allowEmpty: args.allowEmpty,
      canary,
      onProgress: (done, total) => bar.update(60 + Math.round((40 * done) / Math.max(total, 1)), 100, `writing ${total} objects`),
    });
    // status and diff now answer from the index while the file stays unchanged.
    await recordDefinitionTree({ ...ctx, source: indexSource, tree: result.tree });
  } finally {
    bar.stop();
  }
  const c = ctx.color;
  const lines = [
    result.created
      ? `[${result.branch} ${c.yellow(shortId(result.id))}] ${result.description || '(no description)'}  (${result.objectsWritten} objects written)`
      : `${c.dim('unchanged:')} ${result.branch} already holds this API as ${c.yellow(shortId(result.id))}`,
  ];
  if (result.stage && canary) {
    lines.push(`stage ${c.cyan(result.stage.stageName)}: canary ${c.yellow(shortId(result.id))} at ${canary.percentTraffic}% (active ${c.yellow(shortId(result.stage.deploymentId))})`);
  } else if (result.stage) lines.push(`stage ${c.cyan(result.stage.stageName)} -> ${c.yellow(shortId(result.stage.deploymentId))}`);
  return { json: { id: result.id, description: result.description, createdDate: result.createdDate }, text: lines.join('\n') };
}
