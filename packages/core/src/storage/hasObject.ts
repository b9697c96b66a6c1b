import type { FsClient } from '../models/FsClient.js';
import { objectExists } from './objectStore.js';

/**
 * Whether the object `oid` exists, loose or in any pack (version 2 indexes are read
 * once per cache and binary-searched, shared with the object reader).
 */
export async function hasObject(fs: FsClient, gitdir: string, oid: string, cache?: Record<string | symbol, unknown>): Promise<boolean> {
  return objectExists({ fs, gitdir, cache }, oid);
}
