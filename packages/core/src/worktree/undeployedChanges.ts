import type { WorkingOptions } from '../api/workingDefinition.js';
import { workingDefinitionFile } from '../api/workingDefinition.js';
import { currentBranch } from '../api/currentBranch.js';
import { readDefinitionFile } from '../api/definitionTree.js';
import { diff } from '../api/diff.js';
import { _definitionPath } from '../commands/_repo.js';

/** What the working definition holds that the current branch does not. */
export interface UndeployedChanges {
  /** Semantic changes against the branch tip (every resource, at least 1, on a branch without deployments). */
  count: number;
  /** False when the working definition file does not exist (then count is 0). */
  exists: boolean;
  /** The current branch's tip, null before its first deployment. */
  tip: string | null;
  /** Absolute path of the working definition. */
  file: string;
}

/**
 * Semantic changes of the working definition against the current branch tip (all of it
 * when the branch is empty). An unchanged definition is answered from the repository's
 * index without parsing it. A malformed file is a ParseError naming `file:line:column`;
 * an unreadable one a NotFoundError naming the file.
 *
 * @example
 * const { count, file } = await undeployedChanges({ fs, gitdir });
 * if (count) console.log(`${count} undeployed change(s) in ${file}`);
 */
export async function undeployedChanges(opts: WorkingOptions): Promise<UndeployedChanges> {
  const file = await workingDefinitionFile(opts);
  const exists = await opts.fs.promises.stat(file).then(() => true, () => false);
  const { id } = await currentBranch(opts);
  if (!exists) return { count: 0, exists, tip: id, file };
  const filename = await _definitionPath(opts);
  if (!id) return { count: Object.keys((await readDefinitionFile({ ...opts, filepath: file, filename })).api.resources).length || 1, exists, tip: id, file };
  return { count: (await diff({ ...opts, from: id, to: { definition: file, filename } })).changes.length, exists, tip: id, file };
}
