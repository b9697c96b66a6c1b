import { randomBytes } from 'node:crypto';
import { isoGit } from '../utils/isoGit.js';
import type { RepoOptions } from '../models/FsClient.js';
import { join } from '../utils/join.js';
import { fsError } from '../utils/fsError.js';

/** Where a received pack was installed (relative to the gitdir), for undoing it. */
export interface InstalledPack {
  pack: string;
  idx: string;
  /** false when an identical pack was already there (nothing to undo). */
  added: boolean;
}

/**
 * A pack being received: its bytes go to `objects/incoming-<random>/incoming.pack` as
 * they arrive (appended, so memory holds one network chunk), or into memory when the
 * injected fs has no `appendFile`. Readers never look there; `discard` removes it.
 */
export class IncomingPack {
  private chunks: Buffer[] | null;
  private constructor(
    private readonly opts: RepoOptions,
    readonly dir: string,
  ) {
    this.chunks = opts.fs.promises.appendFile ? null : [];
  }

  static async create(opts: RepoOptions): Promise<IncomingPack> {
    const dir = `objects/incoming-${randomBytes(8).toString('hex')}`;
    try {
      await opts.fs.promises.mkdir(join(opts.gitdir, dir), { recursive: true });
    } catch (err) {
      throw fsError(err, 'receive objects');
    }
    return new IncomingPack(opts, dir);
  }

  get file(): string {
    return `${this.dir}/incoming.pack`;
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.chunks) {
      this.chunks.push(chunk);
      return;
    }
    try {
      await this.opts.fs.promises.appendFile!(join(this.opts.gitdir, this.file), chunk);
    } catch (err) {
      throw fsError(err, 'receive objects');
    }
  }

  /** Writes what is held in memory (fs without appendFile). */
  async flush(): Promise<void> {
    if (!this.chunks) return;
    await this.opts.fs.promises.writeFile(join(this.opts.gitdir, this.file), Buffer.concat(this.chunks));
    this.chunks = [];
  }

  async discard(): Promise<void> {
    const { fs, gitdir } = this.opts;
    for (const f of (await fs.promises.readdir(join(gitdir, this.dir)).catch(() => [])) as string[]) await fs.promises.unlink(join(gitdir, this.dir, f)).catch(() => undefined);
    await fs.promises.rmdir(join(gitdir, this.dir)).catch(() => undefined);
  }
}

/**
 * Installs a received, verified packfile (`hash` = its SHA-1 trailer): indexed where it
 * was received, then the .pack and last the .idx renamed into objects/pack (readers only
 * see a pack through its .idx, so a crash leaves either no pack or a complete one). The
 * incoming directory is removed in every case.
 */
export async function installPack(opts: RepoOptions, incoming: IncomingPack, hash: string): Promise<InstalledPack | null> {
  const { fs, gitdir } = opts;
  const name = `pack-${hash}`;
  const final = { pack: `objects/pack/${name}.pack`, idx: `objects/pack/${name}.idx` };
  try {
    if (await fs.promises.stat(join(gitdir, final.idx)).then(() => true, () => false)) return { ...final, added: false };
    await incoming.flush();
    await fs.promises.mkdir(join(gitdir, 'objects/pack'), { recursive: true });
    await (await isoGit()).indexPack({ fs, dir: gitdir, gitdir, filepath: incoming.file, cache: opts.cache ?? {} });
    await fs.promises.rename(join(gitdir, incoming.file), join(gitdir, final.pack));
    await fs.promises.rename(join(gitdir, incoming.file.replace(/\.pack$/, '.idx')), join(gitdir, final.idx));
    return { ...final, added: true };
  } catch (err) {
    throw fsError(err, 'store the received objects');
  } finally {
    await incoming.discard();
  }
}

/** Undoes installPack (used when the received objects turn out not to be gitway's). */
export async function removePack(opts: RepoOptions, installed: InstalledPack | null): Promise<void> {
  if (!installed?.added) return;
  await opts.fs.promises.unlink(join(opts.gitdir, installed.idx)).catch(() => undefined);
  await opts.fs.promises.unlink(join(opts.gitdir, installed.pack)).catch(() => undefined);
}
