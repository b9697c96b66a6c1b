import { deleteCanary, getStage, parseVariables, promoteCanary, updateCanary, type Stage } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { kv } from '../utils/format.js';
import { shortId } from '@gitway/core/internal';

interface Args {
  _: string[];
  stage: string;
  percent?: number;
  variables?: string;
  deployment?: string;
  useStageCache?: boolean;
}

function describe(ctx: Context, s: Stage): string {
  const c = ctx.color;
  const canary = s.canarySettings;
  if (!canary) return `stage ${c.cyan(s.stageName)} has no canary (serving ${c.yellow(shortId(s.deploymentId))})`;
  return [
    `stage ${c.cyan(s.stageName)}: ${c.yellow(shortId(s.deploymentId))} ${100 - (canary.percentTraffic ?? 0)}%, canary ${c.yellow(shortId(canary.deploymentId))} ${canary.percentTraffic ?? 0}%`,
    `overrides:        ${kv(canary.stageVariableOverrides)}`,
    `use stage cache:  ${canary.useStageCache ? 'yes' : 'no'}`,
  ].join('\n');
}

export default async function (ctx: Context, args: Args): Promise<Output> {
  const sub = String(args._[1]);
  const opts = { ...ctx, stageName: args.stage };
  let stage: Stage;
  switch (sub) {
    case 'show':
      stage = (await getStage(opts)).stage;
      return { json: stage.canarySettings ?? {}, text: describe(ctx, stage) };
    case 'set':
      stage = (
        await updateCanary({
          ...opts,
          percentTraffic: args.percent,
          deployment: args.deployment,
          stageVariableOverrides: args.variables !== undefined ? parseVariables(args.variables) : undefined,
          useStageCache: args.useStageCache,
        })
      ).stage;
      break;
    case 'promote':
      stage = (await promoteCanary(opts)).stage;
      break;
    case 'delete':
      stage = (await deleteCanary(opts)).stage;
      break;
    default:
      throw new Error(`unknown canary subcommand ${sub}`);
  }
  return { json: stage, text: describe(ctx, stage) };
}
