import type { RepoOptions } from '../models/FsClient.js';
import { listRefs } from '../storage/refs.js';
import { _assertRepo, _currentBranchRef } from '../commands/_repo.js';

export interface BranchInfo {
  name: string;
  /** Tip deployment id; null for the current branch before its first deployment. */
  id: string | null;
  current: boolean;
}

/**
 * Every branch (refs/heads/*) with its tip, sorted by name; the current branch is
 * listed even before its first deployment.
 *
 * @example
 * for (const b of await listBranches({ fs, gitdir })) console.log(b.current ? '*' : ' ', b.name);
 */
export async function listBranches(opts: RepoOptions): Promise<BranchInfo[]> {
  await _assertRepo(opts);
  const current = (await _currentBranchRef(opts)).replace(/^refs\/heads\//, '');
  const refs = await listRefs(opts, 'refs/heads/');
  const out: BranchInfo[] = [...refs].map(([ref, id]) => ({ name: ref.slice('refs/heads/'.length), id, current: false }));
  if (!out.some((b) => b.name === current)) out.push({ name: current, id: null, current: true });
  for (const b of out) b.current = b.name === current;
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
