import { Errors, readDeployment, switchBranch } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { undeployedChanges, writeWorking } from '../utils/working.js';
import { shortId } from '@gitway/core/internal';

export default async function (ctx: Context, args: { name: string; create?: boolean; force?: boolean }): Promise<Output> {
  if (!args.force) {
    const pending = await undeployedChanges(ctx);
    if (pending.count > 0) {
      throw new Errors.ConflictError(
        `the working definition has ${pending.count} undeployed change(s); deploy them, or switch --force to discard them`,
        { reason: 'undeployed', changes: pending.count },
      );
    }
  }
  const branch = await switchBranch({ ...ctx, name: args.name, create: args.create });
  let file: string | undefined;
  if (branch.id) file = await writeWorking(ctx, (await readDeployment({ ...ctx, rev: branch.id })).api);
  const c = ctx.color;
  return {
    json: { branch: branch.name, id: branch.id, created: !!args.create, file: file ?? null },
    text: `${args.create ? 'Switched to a new branch' : 'Switched to branch'} '${c.green(branch.name)}'${branch.id ? ` at ${c.yellow(shortId(branch.id))}` : ''}${file ? `; wrote ${file}` : ''}`,
  };
}
