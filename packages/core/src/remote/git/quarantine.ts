import { randomBytes } from 'node:crypto';
import type { RepoOptions } from '../../models/FsClient.js';
import { removePack, type InstalledPack } from '../installPack.js';
import { join } from '../../utils/join.js';
import { fsError } from '../../utils/fsError.js';
import { removeTree } from '../removeTree.js';

/**
 * A throw-away bare repository inside the gitdir (`gitway-incoming-<random>/`) that native
 * git fetches into: its objects/info/alternates names the repository's objects, so git
 * asks only for what is missing, and nothing it writes (refs, objects) is seen by the
 * repository until gitway's checks pass and `install` moves the packs in.
 */
export class Quarantine {
  private constructor(
    private readonly opts: RepoOptions,
    /** Relative to the gitdir. */
    readonly name: string,
  ) {}

  /** `objectsPath`: absolute path of the repository's objects directory (git reads alternates from it). */
  static async create(opts: RepoOptions, objectsPath: string): Promise<Quarantine> {
    const name = `gitway-incoming-${randomBytes(8).toString('hex')}`;
    const p = (f: string): string => join(opts.gitdir, name, f);
    try {
      await opts.fs.promises.mkdir(p('objects/info'), { recursive: true });
      await opts.fs.promises.mkdir(p('objects/pack'), { recursive: true });
      await opts.fs.promises.mkdir(p('refs'), { recursive: true });
      await opts.fs.promises.writeFile(p('HEAD'), 'ref: refs/heads/gitway-incoming\n');
      await opts.fs.promises.writeFile(p('config'), '[core]\n\trepositoryformatversion = 0\n\tbare = true\n');
      await opts.fs.promises.writeFile(p('objects/info/alternates'), objectsPath + '\n');
    } catch (err) {
      await removeTree(opts.fs, join(opts.gitdir, name)).catch(() => undefined);
      throw fsError(err, 'receive objects');
    }
    return new Quarantine(opts, name);
  }

  /**
   * Moves every pack git received into objects/pack (.pack first, .idx last: readers
   * find a pack through its .idx) and any loose object into place; returns what was
   * added, for `removePack` when the content is refused. The quarantine stays until
   * `discard`.
   */
  async install(): Promise<InstalledPack[]> {
    const { fs, gitdir } = this.opts;
    const installed: InstalledPack[] = [];
    const exists = (f: string): Promise<boolean> => fs.promises.stat(join(gitdir, f)).then(() => true, () => false);
    try {
      const packDir = `${this.name}/objects/pack`;
      for (const file of (await fs.promises.readdir(join(gitdir, packDir))) as string[]) {
        const m = /^(pack-[0-9a-f]{40,64})\.idx$/.exec(file);
        if (!m || !(await exists(`${packDir}/${m[1]}.pack`))) continue;
        const final = { pack: `objects/pack/${m[1]}.pack`, idx: `objects/pack/${m[1]}.idx` };
        if (await exists(final.idx)) {
          installed.push({ ...final, added: false });
          continue;
        }
        await fs.promises.mkdir(join(gitdir, 'objects/pack'), { recursive: true });
        await fs.promises.rename(join(gitdir, `${packDir}/${m[1]}.pack`), join(gitdir, final.pack));
        await fs.promises.rename(join(gitdir, `${packDir}/${m[1]}.idx`), join(gitdir, final.idx));
        installed.push({ ...final, added: true });
      }
      // git keeps what it fetches as a pack (fetch.unpackLimit=1); loose objects are moved one by one just in case.
      for (const dir of (await fs.promises.readdir(join(gitdir, this.name, 'objects'))) as string[]) {
        if (!/^[0-9a-f]{2}$/.test(dir)) continue;
        for (const file of (await fs.promises.readdir(join(gitdir, this.name, 'objects', dir))) as string[]) {
          const loose = `objects/${dir}/${file}`;
          if (await exists(loose)) continue;
          await fs.promises.mkdir(join(gitdir, 'objects', dir), { recursive: true });
          await fs.promises.rename(join(gitdir, this.name, loose), join(gitdir, loose));
          installed.push({ pack: loose, idx: loose, added: true });
        }
      }
    } catch (err) {
      for (const p of installed) await removePack(this.opts, p);
      throw fsError(err, 'store the received objects');
    }
    return installed;
  }

  async discard(): Promise<void> {
    await removeTree(this.opts.fs, join(this.opts.gitdir, this.name)).catch(() => undefined);
  }
}
