import type { FsClient } from '../models/FsClient.js';
import { join } from '../utils/join.js';

/** Deletes `path` and everything under it through the injected fs (clone's cleanup). */
export async function removeTree(fs: FsClient, path: string): Promise<void> {
  const stat = await fs.promises.lstat(path).catch(() => null);
  if (!stat) return;
  if (stat.isDirectory()) {
    for (const name of (await fs.promises.readdir(path)) as string[]) await removeTree(fs, join(path, name));
    await fs.promises.rmdir(path);
  } else await fs.promises.unlink(path);
}
