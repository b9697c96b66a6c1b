import path from 'node:path';
import type { Api, DiffResult, DiffSide } from '@gitway/core';
import { diff, readDeployment, renderDiff, renderMarkdown, renderNameOnly, renderStat, renderTextDiff } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { readDefinition, workingDefinitionPath } from '../utils/definition.js';

interface Args {
  from?: string;
  to?: string;
  stat?: boolean;
  nameOnly?: boolean;
  markdown?: boolean;
  text?: boolean;
  breaking?: boolean;
  exitCode?: boolean;
}

/** core's unified text diff (the dashboard shows the same), coloured. */
async function unified(ctx: Context, from: string, to: string | Api, toLabel: string): Promise<string> {
  const a = await readDeployment({ ...ctx, rev: from });
  const b = typeof to === 'string' ? await readDeployment({ ...ctx, rev: to }) : { api: to, id: undefined };
  const patch = renderTextDiff({ api: a.api, label: from, id: a.id }, { api: b.api, label: toLabel, id: b.id });
  const c = ctx.color;
  return patch
    .split('\n')
    .map((l) => (l.startsWith('+') && !l.startsWith('+++') ? c.green(l) : l.startsWith('-') && !l.startsWith('---') ? c.red(l) : l.startsWith('@@') ? c.cyan(l) : l))
    .join('\n');
}

export default async function (ctx: Context, args: Args): Promise<Output> {
  const from = args.from ?? 'HEAD';
  // The working definition goes to core as a file: unchanged, it is answered from the index.
  const file = args.to === undefined ? await workingDefinitionPath(ctx) : undefined;
  const to: DiffSide = args.to ?? { definition: file!, filename: path.relative(ctx.cwd, file!) || file! };
  const toLabel = args.to ?? 'working definition';
  const full = await diff({ ...ctx, from, to });
  const result: DiffResult = args.breaking ? { ...full, changes: full.changes.filter((c) => c.breaking) } : full;
  const exitCode = args.exitCode && result.changes.length > 0 ? 1 : 0;
  const json = { from: { ...result.from, rev: from }, to: { ...result.to, rev: toLabel }, breaking: result.breaking, changes: result.changes.map(({ fieldPath: _f, ...c }) => c) };
  let text: string;
  if (args.text) text = result.changes.length ? await unified(ctx, from, args.to ?? (await readDefinition(ctx)).api, toLabel) : '';
  else if (args.markdown) text = renderMarkdown(result);
  else if (args.stat) text = result.changes.length ? renderStat(result, ctx.color) : '';
  else if (args.nameOnly) text = renderNameOnly(result);
  else text = result.changes.length ? renderDiff(result, ctx.color) : '';
  return { json, text, exitCode };
}
