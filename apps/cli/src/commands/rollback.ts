import { rollback } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { shortId } from '@gitway/core/internal';

export default async function (ctx: Context, args: { stage: string; rev?: string }): Promise<Output> {
  const state = await rollback({ ...ctx, stageName: args.stage, deployment: args.rev });
  return {
    json: state.stage,
    text: `stage ${ctx.color.cyan(args.stage)} now serves ${ctx.color.yellow(shortId(state.stage.deploymentId))}${state.previous ? '' : ''}`,
  };
}
