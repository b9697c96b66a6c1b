import type { RemoteSyncOptions } from '../remote/types.js';
import { clone } from '../remote/clone.js';
import type { PullResult } from '../remote/pull.js';
import { readRef } from '../storage/refs.js';
import { _checkoutWorking, type Restored } from './_checkout.js';

/**
 * `gitway clone` for library users: clone into `gitdir`, then write the current branch's
 * API into the working definition in `dir` (default: the directory holding `gitdir`) — the
 * document it was deployed from, byte for byte, when recorded. HEAD names the remote's
 * default branch; when the remote does not say (or HEAD's branch is absent) it names
 * `main` if cloned, else the first branch by name.
 *
 * @example
 * const r = await cloneWorktree({ fs, url: '/srv/git/petstore.git', gitdir: '/work/petstore/.gitway' });
 * console.log(r.branch, r.file); // 'main' '/work/petstore/api.yaml'
 */
export async function cloneWorktree(
  opts: Omit<RemoteSyncOptions, 'gitdir'> & { url: string; gitdir: string; dir?: string; definition?: string },
): Promise<PullResult & { branch: string | null; file: string | null; restored: Restored | null }> {
  const result = await clone(opts);
  const ref = result.head;
  const id = ref ? await readRef(opts, ref) : null;
  if (!id) return { ...result, branch: null, file: null, restored: null };
  const { file, restored } = await _checkoutWorking(opts, id);
  return { ...result, branch: ref!.replace(/^refs\/heads\//, ''), file, restored };
}
