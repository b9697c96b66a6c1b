import path from 'node:path';
import { createStage, deleteStage, flushStageCache, getStageTags, parseTags, parseVariableList, tagStage, untagStage, diffStageStates, Errors, getStage, getStageHistory, getStages, parsePatchString, parseVariables, updateStage, type PatchOperation, type Stage } from '@gitway/core';
import { stageSettings, shortId, age } from '@gitway/core/internal';
import type { Context, Output } from '../context.js';
import { kv, table } from '../utils/format.js';

interface Args {
  _: string[];
  name?: string;
  deployment?: string;
  description?: string;
  variables?: string;
  variable?: string[];
  cacheClusterSize?: string;
  tracing?: boolean;
  tags?: string[] | string;
  keys?: string[];
  documentationVersion?: string;
  canary?: number;
  canaryDeployment?: string;
  canaryVariables?: string;
  authorizers?: boolean;
  patch?: string[];
  patchFile?: string;
  unsetVariable?: string[];
  maxCount?: number;
  from?: string;
  to?: string;
  format?: 'human' | 'aws-patch';
}

export default async function (ctx: Context, args: Args): Promise<Output> {
  const sub = String(args._[1]);
  switch (sub) {
    case 'list':
      return list(ctx, args.deployment);
    case 'show':
      return show(ctx, (await getStage({ ...ctx, stageName: args.name! })).stage);
    case 'create': {
      const { stage } = await createStage({
        ...ctx,
        stageName: args.name!,
        deployment: args.deployment!,
        description: args.description,
        variables: variablesOf(args),
        cacheClusterSize: args.cacheClusterSize,
        tracingEnabled: args.tracing,
        tags: typeof args.tags === 'string' ? parseTags(args.tags) : undefined,
        documentationVersion: args.documentationVersion,
        canarySettings: canaryOf(args),
      });
      return { json: stage, text: `created stage ${ctx.color.cyan(stage.stageName)} -> ${ctx.color.yellow(shortId(stage.deploymentId))}` };
    }
    case 'tag':
      return tagsOutput(ctx, args.name!, await tagStage({ ...ctx, stageName: args.name!, tags: parseTags(((args.tags as string[] | undefined) ?? []).join(',')) }));
    case 'untag':
      return tagsOutput(ctx, args.name!, await untagStage({ ...ctx, stageName: args.name!, tagKeys: args.keys ?? [] }));
    case 'tags':
      return tagsOutput(ctx, args.name!, await getStageTags({ ...ctx, stageName: args.name! }));
    case 'flush-cache': {
      const state = await flushStageCache({ ...ctx, stageName: args.name!, authorizers: args.authorizers });
      return { json: {}, text: `flushed the ${args.authorizers ? 'authorizers cache' : 'cache'} of stage ${ctx.color.cyan(args.name!)} (${shortId(state.oid)})` };
    }
    case 'update':
      return update(ctx, args);
    case 'delete':
      await deleteStage({ ...ctx, stageName: args.name! });
      return { json: {}, text: `deleted stage ${args.name}` };
    case 'history':
      return history(ctx, args.name!, args.maxCount);
    case 'diff':
      return stageDiff(ctx, args.from!, args.to!, args.format);
  }
  throw new Error(`unknown stage subcommand ${sub}`);
}

/** --variables k=v,k2=v2 and the repeatable --variable k=v (whose value may hold commas), merged. */
function variablesOf(args: Args): Record<string, string> | undefined {
  if (args.variables === undefined && !args.variable?.length) return undefined;
  return { ...(args.variables !== undefined ? parseVariables(args.variables) : {}), ...parseVariableList(args.variable ?? []) };
}

function canaryOf(args: Args) {
  if (args.canary === undefined) {
    if (args.canaryDeployment !== undefined || args.canaryVariables !== undefined) {
      throw new Errors.InvalidParameterError('--canary-deployment and --canary-variables need --canary PERCENT', { path: '/canarySettings', value: null });
    }
    return undefined;
  }
  return {
    percentTraffic: args.canary,
    ...(args.canaryDeployment !== undefined ? { deploymentId: args.canaryDeployment } : {}),
    ...(args.canaryVariables !== undefined ? { stageVariableOverrides: parseVariables(args.canaryVariables) } : {}),
  };
}

function tagsOutput(ctx: Context, name: string, result: { tags: Record<string, string> }): Output {
  const keys = Object.keys(result.tags).sort();
  return { json: result, text: keys.length ? keys.map((k) => `${k}=${result.tags[k]}`).join('\n') : `stage ${ctx.color.cyan(name)} has no tags` };
}

async function list(ctx: Context, deployment?: string): Promise<Output> {
  const stages = await getStages({ ...ctx, deploymentId: deployment });
  const c = ctx.color;
  const rows = stages.map((s) => [
    c.cyan(s.stageName),
    c.yellow(shortId(s.deploymentId)),
    s.canarySettings?.deploymentId ? `canary ${shortId(s.canarySettings.deploymentId)} ${s.canarySettings.percentTraffic ?? 0}%` : '',
    kv(s.variables),
    age(s.lastUpdatedDate, Date.now()),
  ]);
  return { json: { item: stages }, text: stages.length ? table(rows) : 'no stages (create one with gitway stage create NAME --deployment REV)' };
}

function show(ctx: Context, s: Stage): Output {
  const c = ctx.color;
  const lines = [
    `stage ${c.cyan(s.stageName)}`,
    `deployment:    ${c.yellow(s.deploymentId)}`,
    ...(s.description ? [`description:   ${s.description}`] : []),
    `variables:     ${kv(s.variables)}`,
    `cache cluster: ${s.cacheClusterEnabled ? `enabled (${s.cacheClusterSize ?? '0.5'} GB)` : 'disabled'}`,
    `tracing:       ${s.tracingEnabled ? 'enabled' : 'disabled'}`,
    ...(s.canarySettings ? [`canary:        ${shortId(s.canarySettings.deploymentId)} ${s.canarySettings.percentTraffic ?? 0}% overrides: ${kv(s.canarySettings.stageVariableOverrides)}`] : []),
    ...(s.accessLogSettings ? [`access log:    ${s.accessLogSettings.format ?? ''} -> ${s.accessLogSettings.destinationArn ?? ''}`] : []),
    ...Object.entries(s.methodSettings ?? {}).map(([k, v]) => `method ${k}: ${Object.entries(v).map(([f, x]) => `${f}=${x}`).join(', ')}`),
    `created:       ${s.createdDate}`,
    `updated:       ${s.lastUpdatedDate}`,
  ];
  return { json: s, text: lines.join('\n') };
}

async function readPatchFile(ctx: Context, file: string): Promise<PatchOperation[]> {
  const abs = path.resolve(ctx.cwd, file);
  let text: string;
  try {
    text = await ctx.fs.promises.readFile(abs, 'utf8');
  } catch {
    throw new Errors.NotFoundError(`patch file not found: ${file}`, { what: 'file', name: abs });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Errors.ParseError(`${file}: invalid JSON: ${(err as Error).message}`, { file });
  }
  const ops = Array.isArray(parsed) ? parsed : (parsed as { patchOperations?: unknown })?.patchOperations;
  if (!Array.isArray(ops)) throw new Errors.InvalidParameterError(`${file}: expected a list of patch operations or { "patchOperations": [...] }`, { path: file, value: null });
  return ops as PatchOperation[];
}

async function update(ctx: Context, args: Args): Promise<Output> {
  const ops: PatchOperation[] = [];
  if (args.patchFile) ops.push(...(await readPatchFile(ctx, args.patchFile)));
  for (const p of args.patch ?? []) ops.push(parsePatchString(p));
  for (const [k, v] of Object.entries(variablesOf(args) ?? {})) ops.push({ op: 'replace', path: `/variables/${k}`, value: v });
  for (const k of args.unsetVariable ?? []) ops.push({ op: 'remove', path: `/variables/${k}` });
  if (args.deployment !== undefined) ops.push({ op: 'replace', path: '/deploymentId', value: args.deployment });
  if (args.description !== undefined) ops.push({ op: 'replace', path: '/description', value: args.description });
  if (ops.length === 0) throw new Errors.InvalidParameterError('nothing to update: give --patch, --variables, --variable, --unset-variable, --deployment or --description', { path: '', value: null });
  const { stage } = await updateStage({ ...ctx, stageName: args.name!, patchOperations: ops });
  return { json: stage, text: `updated stage ${ctx.color.cyan(stage.stageName)} (${ops.length} operation${ops.length === 1 ? '' : 's'}) -> ${ctx.color.yellow(shortId(stage.deploymentId))}` };
}

async function history(ctx: Context, name: string, limit?: number): Promise<Output> {
  const states = await getStageHistory({ ...ctx, stageName: name, limit });
  const c = ctx.color;
  const rows = states.map((s, i) => [
    c.cyan(`${name}@{${i}}`),
    c.yellow(shortId(s.stage.deploymentId)),
    s.updatedDate.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    s.author.name,
    s.message,
  ]);
  return {
    json: { items: states.map((s) => ({ ...s.stage, updatedDate: s.updatedDate, author: s.author, id: s.oid, message: s.message })) },
    text: table(rows),
  };
}

/** `stage diff A B`: the changed settings (human) or the update-stage patch operations (aws-patch). */
async function stageDiff(ctx: Context, from: string, to: string, format: 'human' | 'aws-patch' = 'human'): Promise<Output> {
  const d = await diffStageStates({ ...ctx, from, to });
  const patch = { patchOperations: d.patchOperations };
  if (format === 'aws-patch') return { json: patch, text: JSON.stringify(patch, null, 2) };
  const a = stageSettings(d.from.stage);
  const b = stageSettings(d.to.stage);
  const c = ctx.color;
  const rows: string[][] = [];
  for (const path of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (a[path] === b[path]) continue;
    if (a[path] === undefined) rows.push([c.green('+'), path, c.green(b[path]!)]);
    else if (b[path] === undefined) rows.push([c.red('-'), path, c.red(a[path]!)]);
    else rows.push([c.yellow('~'), path, `${c.red(a[path]!)} -> ${c.green(b[path]!)}`]);
  }
  const head = `stage ${from} (${shortId(d.from.oid)}) -> ${to} (${shortId(d.to.oid)})`;
  return { json: patch, text: rows.length ? `${head}\n${table(rows)}` : `${head}: no differences` };
}
