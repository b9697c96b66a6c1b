import { rollback } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { short } from '../utils/format.js';

export default async function (ctx: Context, args: { stage: string; rev?: string }): Promise<Output> {
  const state = await rollback({ ...ctx, stageName: args.stage, deployment: args.rev });
  return {
    json: state.stage,
    text: `stage ${ctx.color.cyan(args.stage)} now serves ${ctx.color.yellow(short(state.stage.deploymentId))}${state.previous ? '' : ''}`,
  };
}
