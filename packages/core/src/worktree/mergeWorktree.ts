import type { Api, Stage } from '../models/types.js';
import type { WorkingOptions } from '../api/workingDefinition.js';
import type { WriteOptions } from '../models/options.js';
import type { MergeFollowUp, MergeResult } from '../merge/types.js';
import { readWorkingDefinition, workingDefinitionFile, writeWorkingDefinition } from '../api/workingDefinition.js';
import { merge, type MergeOptions } from '../api/merge.js';
import { startMerge } from '../api/startMerge.js';
import { continueMerge } from '../api/continueMerge.js';
import { abortMerge } from '../api/abortMerge.js';
import { currentBranch } from '../api/currentBranch.js';
import { readDefinitionFile } from '../api/definitionTree.js';
import { MERGE_WORKING, readMergeState, readMergeWorking, writeAtomic } from '../merge/mergeState.js';
import { MergeConflictError } from '../errors/MergeConflictError.js';
import { NotFoundError } from '../errors/NotFoundError.js';
import { readApiTree, readCommit } from '../storage/readObjects.js';
import { _definitionPath } from '../commands/_repo.js';
import { _checkoutWorking, _indexWritten, type Restored } from './_checkout.js';
import { _editDocument } from './editDocument.js';
import { _recordSource } from './sourceRecord.js';
import { _assertNoUndeployed } from './switchWorktree.js';
import { pointStage } from './pointStage.js';

type Options = WriteOptions & WorkingOptions;

/** A merge as the CLI does it: the result, the working definition written, and the stage moved. */
export interface WorktreeMergeResult extends MergeResult {
  /** The working definition written (null: not the current branch, or nothing to write). */
  file: string | null;
  /** 'edited': our document with the merged changes set in place; 'source'/'rendered' as a checkout. */
  restored: Restored | 'edited' | null;
  /** The stage pointed at the result (`stageName`), and whether it was created. */
  stage: { stage: Stage; created: boolean } | null;
  /** The follow-up that ran (for continueMergeWorktree: the one remembered from the merge that stopped). */
  followUp: MergeFollowUp;
}

type Working = { api: Api; text: string; file: string } | null;

/** Writes merged deployment `id` into the working definition: our document edited in place when possible. */
async function writeMerged(opts: Options, working: Working, id: string, record: boolean): Promise<{ file: string; restored: Restored | 'edited' }> {
  const { tree } = await readCommit(opts, id);
  const merged = await readApiTree(opts, tree);
  const text = working ? await _editDocument({ text: working.text, filename: working.file, ours: working.api, merged }) : null;
  if (text === null) return _checkoutWorking(opts, id);
  const file = await writeWorkingDefinition({ ...opts, text });
  if (record) await _recordSource(opts, id, { text, filename: await _definitionPath(opts) });
  await _indexWritten(opts, file, tree);
  return { file, restored: 'edited' };
}

async function followUp(opts: Options, r: MergeResult, after: MergeFollowUp): Promise<WorktreeMergeResult['stage']> {
  return after.stageName ? pointStage({ ...opts, stageName: after.stageName, id: r.id }) : null;
}

/**
 * `gitway merge` for library users: merges `theirs` into the current branch (or `ours`),
 * writes the result into the working definition — our document with the merged changes
 * edited in (comments, key order and style of untouched parts kept), recorded as the merge
 * deployment's source — and points `stageName` at the result. Refused while the working
 * definition holds undeployed changes. Conflicts: the working definition gets ours at each
 * conflict, the state (with `stageName`/`deploy`) is kept beside MERGE_HEAD for
 * continueMergeWorktree, and MergeConflictError is thrown with `data.file`. Merging into
 * another branch touches no working definition and records nothing on conflicts.
 *
 * @example
 * const r = await mergeWorktree({ fs, gitdir, theirs: 'private', stageName: 'prod' });
 * console.log(r.status, r.stage?.stage.deploymentId === r.id); // 'merged' true
 */
export async function mergeWorktree(opts: Options & MergeOptions & MergeFollowUp): Promise<WorktreeMergeResult> {
  const after: MergeFollowUp = { ...(opts.stageName !== undefined ? { stageName: opts.stageName } : {}), ...(opts.deploy ? { deploy: true } : {}) };
  const current = await currentBranch(opts);
  if (opts.ours !== undefined && opts.ours !== current.name) {
    const r = await merge(opts);
    return { ...r, file: null, restored: null, stage: await followUp(opts, r, after), followUp: after };
  }
  await _assertNoUndeployed(opts, 'deploy them (or switch --force) before merging');
  const working = await readWorkingDefinition(opts);
  let r: MergeResult;
  try {
    r = await startMerge({ ...opts, followUp: after });
  } catch (err) {
    if (!(err instanceof MergeConflictError)) throw err;
    const merged = err.data.api as Api;
    if (working) await writeAtomic(opts, MERGE_WORKING, working.text);
    const text = working ? await _editDocument({ text: working.text, filename: working.file, ours: working.api, merged }) : null;
    err.data.file = text === null ? await writeWorkingDefinition({ ...opts, api: merged }) : await writeWorkingDefinition({ ...opts, text });
    throw err;
  }
  const written = r.status === 'up-to-date' ? null : r.status === 'fast-forward' ? await _checkoutWorking(opts, r.id) : await writeMerged(opts, working, r.id, true);
  return { ...r, file: written?.file ?? null, restored: written?.restored ?? null, stage: await followUp(opts, r, after), followUp: after };
}

/**
 * `gitway merge --continue`: commits the resolved working definition as the merge
 * (parents ours, theirs), records the file as that deployment's source, and does what
 * the merge that stopped was asked to (`stageName`) — remembered beside MERGE_HEAD; a
 * `stageName` given here replaces it.
 * No merge in progress -> NotFoundError; a missing working definition -> NotFoundError
 * naming it (nothing changed).
 *
 * @example
 * const r = await continueMergeWorktree({ fs, gitdir });
 * if (r.stage) console.log(`stage ${r.stage.stage.stageName} -> ${r.id.slice(0, 10)}`);
 */
export async function continueMergeWorktree(opts: Options & MergeFollowUp & { message?: string }): Promise<WorktreeMergeResult> {
  const state = await readMergeState(opts);
  if (!state) throw new NotFoundError('no merge in progress (MERGE_HEAD missing)', { what: 'merge', name: 'MERGE_HEAD' });
  const file = await workingDefinitionFile(opts);
  const filename = await _definitionPath(opts);
  const { api, text, source } = await readDefinitionFile({ ...opts, filepath: file, filename });
  const r = await continueMerge({ ...opts, api, message: opts.message });
  await _recordSource(opts, r.id, { text, filename });
  await _indexWritten(opts, source.filepath, (await readCommit(opts, r.id)).tree);
  const after: MergeFollowUp = { ...state.followUp, ...(opts.stageName !== undefined ? { stageName: opts.stageName } : {}), ...(opts.deploy ? { deploy: true } : {}) };
  return { ...r, file, restored: null, stage: await followUp(opts, r, after), followUp: after };
}

/**
 * `gitway merge --abort`: abandons the merge stopped by conflicts and gives the working
 * definition back as it was before the merge, byte for byte (the text saved beside
 * MERGE_HEAD when the merge stopped, else our deployment's recorded source, else our API
 * rendered). No merge in progress -> NotFoundError.
 *
 * @example
 * const { theirsName, file } = await abortMergeWorktree({ fs, gitdir });
 */
export async function abortMergeWorktree(opts: WorkingOptions): Promise<{ theirsName: string; ours: string | null; file: string | null; restored: Restored | 'saved' | null }> {
  const saved = await readMergeWorking(opts);
  const state = await abortMerge(opts);
  const ours = state.ours || (await currentBranch(opts)).id;
  if (saved !== null) {
    const file = await writeWorkingDefinition({ ...opts, text: saved });
    if (ours) await _indexWritten(opts, file, (await readCommit(opts, ours)).tree);
    return { theirsName: state.theirsName, ours, file, restored: 'saved' };
  }
  if (!ours) return { theirsName: state.theirsName, ours: null, file: null, restored: null };
  const { file, restored } = await _checkoutWorking(opts, ours);
  return { theirsName: state.theirsName, ours, file, restored };
}
