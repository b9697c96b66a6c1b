import { isoGit } from '../utils/isoGit.js';
import type { RepoOptions } from '../models/FsClient.js';
import { join } from '../utils/join.js';

/** Where a received pack was installed (relative to the gitdir), for undoing it. */
export interface InstalledPack {
  pack: string;
  idx: string;
  /** false when an identical pack was already there (nothing to undo). */
  added: boolean;
}

/**
 * Installs a verified packfile: written and indexed in a scratch directory, then the
 * .pack and last the .idx renamed into objects/pack (readers only see a pack through
 * its .idx, so a crash leaves either no pack or a complete one).
 */
export async function installPack(opts: RepoOptions, pack: Buffer): Promise<InstalledPack | null> {
  if (pack.readUInt32BE(8) === 0) return null;
  const { fs, gitdir } = opts;
  const name = `pack-${pack.subarray(pack.length - 20).toString('hex')}`;
  const final = { pack: `objects/pack/${name}.pack`, idx: `objects/pack/${name}.idx` };
  if (await fs.promises.stat(join(gitdir, final.idx)).then(() => true, () => false)) return { ...final, added: false };
  const tmp = `objects/incoming-${name}`;
  await fs.promises.mkdir(join(gitdir, tmp), { recursive: true });
  await fs.promises.mkdir(join(gitdir, 'objects/pack'), { recursive: true });
  try {
    await fs.promises.writeFile(join(gitdir, tmp, `${name}.pack`), pack);
    await (await isoGit()).indexPack({ fs, dir: gitdir, gitdir, filepath: `${tmp}/${name}.pack`, cache: opts.cache ?? {} });
    await fs.promises.rename(join(gitdir, tmp, `${name}.pack`), join(gitdir, final.pack));
    await fs.promises.rename(join(gitdir, tmp, `${name}.idx`), join(gitdir, final.idx));
  } finally {
    for (const f of [`${name}.pack`, `${name}.idx`]) await fs.promises.unlink(join(gitdir, tmp, f)).catch(() => undefined);
    await fs.promises.rmdir(join(gitdir, tmp)).catch(() => undefined);
  }
  return { ...final, added: true };
}

/** Undoes installPack (used when the received objects turn out not to be gitway's). */
export async function removePack(opts: RepoOptions, installed: InstalledPack | null): Promise<void> {
  if (!installed?.added) return;
  await opts.fs.promises.unlink(join(opts.gitdir, installed.idx)).catch(() => undefined);
  await opts.fs.promises.unlink(join(opts.gitdir, installed.pack)).catch(() => undefined);
}
