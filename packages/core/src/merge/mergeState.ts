import type { RepoOptions } from '../models/FsClient.js';
import type { MergeState } from './types.js';
import { join } from '../utils/join.js';
import { shortId } from '../utils/shortId.js';

export const MERGE_HEAD = 'MERGE_HEAD';
export const MERGE_STATE = 'GITWAY_MERGE.json';
/** The working definition as it was before a merge stopped (merge --abort gives it back). */
export const MERGE_WORKING = 'GITWAY_MERGE_WORKING';

export async function writeAtomic(opts: RepoOptions, name: string, text: string): Promise<void> {
  const path = join(opts.gitdir, name);
  await opts.fs.promises.writeFile(path + '.tmp', text);
  await opts.fs.promises.rename(path + '.tmp', path);
}

/** Records a merge stopped by conflicts: MERGE_HEAD (theirs, as git does) and GITWAY_MERGE.json. */
export async function writeMergeState(opts: RepoOptions, state: MergeState): Promise<void> {
  await writeAtomic(opts, MERGE_STATE, JSON.stringify(state, null, 2) + '\n');
  await writeAtomic(opts, MERGE_HEAD, state.theirs + '\n');
}

/** The merge in progress, or null. */
export async function readMergeState(opts: RepoOptions): Promise<MergeState | null> {
  const head = await opts.fs.promises.readFile(join(opts.gitdir, MERGE_HEAD), 'utf8').catch(() => null);
  if (head === null) return null;
  const text = await opts.fs.promises.readFile(join(opts.gitdir, MERGE_STATE), 'utf8').catch(() => null);
  const state = text ? (JSON.parse(String(text)) as MergeState) : null;
  const theirs = String(head).trim();
  // MERGE_HEAD written by native git (no GITWAY_MERGE.json): continue onto HEAD's branch.
  return state ?? { branchRef: '', ours: '', theirs, theirsName: theirs, message: `Merge ${shortId(theirs)}`, bases: [], conflicts: [] };
}

export async function clearMergeState(opts: RepoOptions): Promise<void> {
  await opts.fs.promises.unlink(join(opts.gitdir, MERGE_HEAD)).catch(() => undefined);
  await opts.fs.promises.unlink(join(opts.gitdir, MERGE_STATE)).catch(() => undefined);
  await opts.fs.promises.unlink(join(opts.gitdir, MERGE_WORKING)).catch(() => undefined);
}

/** The working definition's text saved when the merge stopped, or null. */
export async function readMergeWorking(opts: RepoOptions): Promise<string | null> {
  const text = await opts.fs.promises.readFile(join(opts.gitdir, MERGE_WORKING), 'utf8').catch(() => null);
  return text === null ? null : String(text);
}
