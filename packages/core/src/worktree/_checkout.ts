import type { WorkingOptions } from '../api/workingDefinition.js';
import { workingDefinitionFile, writeWorkingDefinition } from '../api/workingDefinition.js';
import { readApiTree, readCommit } from '../storage/readObjects.js';
import { contentHash, statOf, writeIndexEntry } from './definitionIndex.js';
import { _readSource } from './sourceRecord.js';

/** How the working definition was written: the recorded source verbatim, or rendered from the API. */
export type Restored = 'source' | 'rendered';

const isJson = (name: string) => /\.json$/i.test(name);

/**
 * Writes deployment `id` into the working definition: the document it was deployed from,
 * byte for byte, when one is recorded in the same syntax (JSON / YAML) as the working file;
 * otherwise the API rendered in the file's format. The index learns the file, so `status`
 * answers "clean" without parsing it.
 */
export async function _checkoutWorking(opts: WorkingOptions, id: string): Promise<{ file: string; restored: Restored }> {
  const file = await workingDefinitionFile(opts);
  const commit = await readCommit(opts, id);
  const source = await _readSource(opts, id);
  let restored: Restored;
  if (source && isJson(source.filename) === isJson(file)) {
    await writeWorkingDefinition({ ...opts, text: source.text });
    restored = 'source';
  } else {
    await writeWorkingDefinition({ ...opts, api: await readApiTree(opts, commit.tree) });
    restored = 'rendered';
  }
  await _indexWritten(opts, file, commit.tree);
  return { file, restored };
}

/** Records that `file`, just written, holds deployment tree `tree` (the index is a cache: failures are ignored). */
export async function _indexWritten(opts: WorkingOptions, file: string, tree: string): Promise<void> {
  try {
    const stat = statOf(await opts.fs.promises.stat(file));
    const bytes = (await opts.fs.promises.readFile(file)) as Uint8Array;
    await writeIndexEntry(opts.fs, opts.gitdir, file, { ...stat, hash: contentHash(bytes), tree });
  } catch {
    // the next status parses the file instead
  }
}
