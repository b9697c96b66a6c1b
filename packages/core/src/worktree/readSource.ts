import type { RepoOptions } from '../models/FsClient.js';
import { _assertRepo } from '../commands/_repo.js';
import { _resolveRevision } from '../commands/_revision.js';
import { _readSource, SOURCE_REF_PREFIX, type SourceDocument } from './sourceRecord.js';

export { SOURCE_REF_PREFIX, type SourceDocument };

/**
 * The document deployment `rev` was deployed from (`refs/gitway/sources/<id>`), or null
 * when none is recorded (deployments made before source records, or from an in-memory API).
 *
 * @example
 * const src = await readSource({ fs, gitdir, rev: 'prod' });
 * if (src) console.log(src.filename, src.text.length); // 'api.yaml' 1834
 */
export async function readSource(opts: RepoOptions & { rev: string }): Promise<(SourceDocument & { id: string }) | null> {
  await _assertRepo(opts);
  const { oid } = await _resolveRevision(opts, opts.rev);
  const source = await _readSource(opts, oid);
  return source ? { id: oid, ...source } : null;
}
