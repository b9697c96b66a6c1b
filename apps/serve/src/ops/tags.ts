import { getStageTags, tagStage, untagStage } from '@gitway/core';
import { apiNotFound, badRequest } from '../errors.js';
import { parseBody } from '../body.js';
import type { OpContext, Operation } from './context.js';

const STAGE_ARN = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]*::\/restapis\/([a-z0-9]{10})\/stages\/([^/]+)$/;

/** The stage a tag operation's resourceArn names (`arn:aws:apigateway:REGION::/restapis/ID/stages/NAME`). */
async function stageOf(ctx: OpContext) {
  const arn = ctx.params.resourceArn;
  const m = STAGE_ARN.exec(arn);
  if (!m) {
    if (/^arn:aws[a-z-]*:apigateway:/.test(arn)) throw badRequest(`gitway serve tags stages only (arn:aws:apigateway:REGION::/restapis/ID/stages/NAME), not ${arn}`);
    throw badRequest(`Invalid ARN specified in the request: ${arn}`);
  }
  const repo = await ctx.registry.get(m[1]);
  if (!repo) throw apiNotFound(m[1]);
  return { write: { ...ctx.write, gitdir: repo.gitdir, cache: repo.cache }, repo, stageName: m[2] };
}

/** TagResource on a stage: core's tagStage (one stage commit; tags merge over the stage's). */
export const TagResource: Operation = async (ctx) => {
  const b = parseBody(ctx.name, ctx.body, { tags: 'stringMap' });
  const { write, repo, stageName } = await stageOf(ctx);
  await tagStage({ ...write, stageName, tags: b.tags });
  repo.loader.invalidate();
  return {};
};

export const UntagResource: Operation = async (ctx) => {
  const { write, repo, stageName } = await stageOf(ctx);
  await untagStage({ ...write, stageName, tagKeys: ctx.query.getAll('tagKeys') });
  repo.loader.invalidate();
  return {};
};

export const GetTags: Operation = async (ctx) => {
  const { repo, stageName } = await stageOf(ctx);
  return { body: await getStageTags({ ...repo, stageName }) };
};
