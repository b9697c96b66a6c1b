import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { getRestApiId, init } from '@gitway/core';
import { storeLoader, type createPreviewHandler, type StoreLoader } from '@gitway/preview';
import { badRequest } from './errors.js';

/** One served REST API: a gitway repository and what serving it keeps. */
export interface ApiRepo {
  restApiId: string;
  /** The directory holding `.gitway/` and the working definition. */
  dir: string;
  gitdir: string;
  fs: typeof fs;
  cache: Record<string, unknown>;
  /** Data-plane stage loader (reloads a stage when its ref moves). */
  loader: StoreLoader;
  /** The data plane serving this API's stages, made on its first request; closed (its stage workers stopped) when the API is forgotten or the server closes. */
  dataPlane?: ReturnType<typeof createPreviewHandler>;
  /** When the repository was created (epoch ms). */
  createdDate: number;
}

const isRepo = (dir: string) => fs.existsSync(path.join(dir, '.gitway', 'HEAD'));

/**
 * The REST APIs under a root directory: the root itself when it holds `.gitway/`, and every
 * direct subdirectory that does (`ROOT/<restApiId>/.gitway` for the ones CreateRestApi made).
 * Each is known by its repository's `gitway.restApiId`. Repositories made by others while
 * serving are found on the first request that names them.
 */
export class Registry {
  private readonly repos = new Map<string, ApiRepo>();
  private readonly byDir = new Map<string, ApiRepo>();

  constructor(
    readonly root: string,
    private readonly opts: { random?: (n: number) => number; log?: (line: string) => void } = {},
  ) {}

  /** Finds repositories added or removed under the root since the last scan. */
  async scan(): Promise<void> {
    const dirs = isRepo(this.root) ? [this.root] : [];
    for (const e of fs.readdirSync(this.root, { withFileTypes: true })) {
      if (e.isDirectory() && !e.name.startsWith('.') && isRepo(path.join(this.root, e.name))) dirs.push(path.join(this.root, e.name));
    }
    for (const [dir, repo] of this.byDir) if (!dirs.includes(dir) || !isRepo(dir)) this.forget(repo);
    for (const dir of dirs) if (!this.byDir.has(dir)) await this.add(dir);
  }

  private async add(dir: string): Promise<ApiRepo> {
    const gitdir = path.join(dir, '.gitway');
    const restApiId = await getRestApiId({ fs, gitdir, random: this.opts.random });
    const other = this.repos.get(restApiId);
    if (other) {
      this.opts.log?.(`warning: ${dir} has the restApiId ${restApiId} of ${other.dir} (a copied repository?); serving ${other.dir}`);
      return other;
    }
    const stat = fs.statSync(gitdir);
    const repo: ApiRepo = { restApiId, dir, gitdir, fs, cache: {}, loader: storeLoader({ gitdir }), createdDate: stat.birthtimeMs || stat.ctimeMs };
    this.repos.set(restApiId, repo);
    this.byDir.set(dir, repo);
    return repo;
  }

  private forget(repo: ApiRepo): void {
    release(repo);
    this.repos.delete(repo.restApiId);
    this.byDir.delete(repo.dir);
  }

  /** The repository of `restApiId`; rescans once when it is not known yet. */
  async get(restApiId: string): Promise<ApiRepo | undefined> {
    const known = this.repos.get(restApiId);
    if (known && isRepo(known.dir)) return known;
    await this.scan();
    return this.repos.get(restApiId);
  }

  /** Every served API, oldest first. */
  list(): ApiRepo[] {
    return [...this.repos.values()].sort((a, b) => a.createdDate - b.createdDate || (a.restApiId < b.restApiId ? -1 : 1));
  }

  /**
   * A new repository `ROOT/<restApiId>/`: initialised and filled by `fill` in a hidden temp
   * directory, then renamed into place, so a failure leaves nothing behind.
   */
  async create(definition: string, fill: (repo: { fs: typeof fs; gitdir: string; dir: string }) => Promise<void>): Promise<ApiRepo> {
    const tmp = path.join(this.root, `.gitway-new-${randomBytes(6).toString('hex')}`);
    const gitdir = path.join(tmp, '.gitway');
    try {
      fs.mkdirSync(tmp);
      await init({ fs, gitdir, definition });
      const restApiId = await getRestApiId({ fs, gitdir, random: this.opts.random });
      await fill({ fs, gitdir, dir: tmp });
      const dir = path.join(this.root, restApiId);
      fs.renameSync(tmp, dir);
      return await this.add(dir);
    } catch (err) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
  }

  /**
   * DeleteRestApi: the repository is moved to `ROOT/.gitway-deleted/<restApiId>-<ms>/`, not
   * erased (its history is recoverable). The root repository itself is not deleted.
   */
  async remove(repo: ApiRepo, now: number): Promise<void> {
    if (repo.dir === this.root) throw badRequest(`${repo.restApiId} is the repository gitway serve was started in (${this.root}); it is not deleted over the API`);
    const trash = path.join(this.root, '.gitway-deleted');
    fs.mkdirSync(trash, { recursive: true });
    fs.renameSync(repo.dir, path.join(trash, `${repo.restApiId}-${now}`));
    this.forget(repo);
  }

  close(): void {
    for (const repo of this.repos.values()) release(repo);
  }
}

/** Stops what serving `repo` holds: its ref watcher and its data plane's stage workers. */
function release(repo: ApiRepo): void {
  repo.loader.close();
  repo.dataPlane?.close();
  repo.dataPlane = undefined;
}
