import type { RepoOptions } from '../models/FsClient.js';
import type { Api } from '../models/types.js';
import type { BuiltTree } from '../storage/gitObjects.js';
import { NotFoundError } from '../errors/NotFoundError.js';
import { contentHash, readIndex, statClean, statOf, writeIndexEntry, type FileStat } from '../worktree/definitionIndex.js';

export interface DefinitionFileOptions extends RepoOptions {
  /** Path of the definition file (the working definition, or any file to deploy). */
  filepath: string;
  /** How errors name the file (`api.yaml:12:5: ...`); default `filepath`. */
  filename?: string;
}

/** What was read, to record in the index once the definition's tree is known. */
export interface DefinitionSource {
  filepath: string;
  /** Stat data taken before the file was read (so a later change never looks clean). */
  stat: FileStat;
  hash: string;
  /**
   * The imports of the file's path entries learnt while reading it: recordDefinitionTree
   * writes them to the import cache (`gitway-import-cache`), so a refused deploy writes nothing.
   */
  imports?: { flush(): Promise<void> };
}

async function readSource(opts: DefinitionFileOptions): Promise<{ bytes: Uint8Array; source: DefinitionSource }> {
  let stat: FileStat;
  let bytes: Uint8Array;
  try {
    stat = statOf(await opts.fs.promises.stat(opts.filepath));
    bytes = (await opts.fs.promises.readFile(opts.filepath)) as Uint8Array;
  } catch (err) {
    const code = (err as { code?: string }).code;
    const name = opts.filename ?? opts.filepath;
    throw new NotFoundError(code === 'ENOENT' ? `definition file not found: ${name}` : `cannot read ${name}: ${code ?? String(err)}`, { what: 'file', name: opts.filepath });
  }
  return { bytes, source: { filepath: opts.filepath, stat, hash: contentHash(bytes) } };
}

/**
 * Reads and parses a definition file (parseDefinition's errors: file:line:column), and
 * returns what `recordDefinitionTree` needs to index it once deployed.
 *
 * @example
 * const { api, source } = await readDefinitionFile({ fs, gitdir, filepath: '/work/pets/api.yaml', filename: 'api.yaml' });
 * const d = await deploy({ fs, gitdir, api });
 * await recordDefinitionTree({ fs, gitdir, source, tree: d.tree });
 */
export async function readDefinitionFile(opts: DefinitionFileOptions): Promise<{ api: Api; text: string; source: DefinitionSource }> {
  const { bytes, source } = await readSource(opts);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const [{ parseDefinition }, { importCache }] = await Promise.all([import('../openapi/parseDefinition.js'), import('../worktree/importCache.js')]);
  const cache = importCache(opts.fs, opts.gitdir);
  return { api: await parseDefinition({ text, filename: opts.filename ?? opts.filepath, cache }), text, source: { ...source, imports: cache } };
}

/**
 * Records in the repository's index that the file read as `source` gives deployment tree
 * `tree`, so `definitionTree` answers without parsing while the file stays unchanged.
 *
 * @example
 * await recordDefinitionTree({ fs, gitdir, source, tree: d.tree });
 */
export async function recordDefinitionTree(opts: RepoOptions & { source: DefinitionSource; tree: string }): Promise<void> {
  const { source, tree } = opts;
  await writeIndexEntry(opts.fs, opts.gitdir, source.filepath, { ...source.stat, hash: source.hash, tree });
  await source.imports?.flush();
}

/**
 * The deployment tree id a definition file gives, as git's index answers `git status`: from
 * the index without reading the file when its stat data is unchanged (and not racily
 * clean), from the index after hashing it when only the stat data changed, else by parsing
 * it (then the index learns the answer). `api` (and `built`) are present only when the file
 * was parsed; pass `unlessTree` to have it parsed whenever its tree differs from that one
 * (a diff against that tree then needs the API).
 *
 * @example
 * const { tree } = await definitionTree({ fs, gitdir, filepath: '/work/pets/api.yaml' });
 * const clean = tree === tipTree;
 */
export async function definitionTree(opts: DefinitionFileOptions & { unlessTree?: string }): Promise<{ tree: string; api?: Api; built?: BuiltTree }> {
  const index = await readIndex(opts.fs, opts.gitdir);
  const entry = index.entries[opts.filepath];
  const usable = (tree: string) => opts.unlessTree === undefined || tree === opts.unlessTree;
  if (entry && usable(entry.tree)) {
    const stat = await opts.fs.promises.stat(opts.filepath).then(statOf, () => undefined);
    if (stat && statClean(entry, stat, index.writtenMs)) return { tree: entry.tree };
  }
  const { bytes, source } = await readSource(opts);
  if (entry && entry.hash === source.hash && usable(entry.tree)) {
    // Same content, new stat data (touched, copied, racily clean): refresh the entry.
    await writeIndexEntry(opts.fs, opts.gitdir, opts.filepath, { ...source.stat, hash: source.hash, tree: entry.tree });
    return { tree: entry.tree };
  }
  const [{ parseDefinition }, { apiFiles }, { buildTree }, { importCache }] = await Promise.all([
    import('../openapi/parseDefinition.js'),
    import('../models/apiTree.js'),
    import('../storage/gitObjects.js'),
    import('../worktree/importCache.js'),
  ]);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const cache = importCache(opts.fs, opts.gitdir);
  const api = await parseDefinition({ text, filename: opts.filename ?? opts.filepath, cache });
  const built = buildTree(apiFiles(api));
  await recordDefinitionTree({ ...opts, source: { ...source, imports: cache }, tree: built.object.oid });
  return { tree: built.object.oid, api, built };
}
