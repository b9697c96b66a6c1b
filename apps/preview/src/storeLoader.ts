import fs from 'node:fs';
import path from 'node:path';
import { getClientCertificateKeyPair, getStage, type Api } from '@gitway/core';
import type { LoadedStage } from './server.js';
import { ApiTreeCache, readDeploymentApi, stageNameProblem } from '@gitway/core/internal';

/**
 * `loadStage` for createPreviewServer over a gitway repository. A stage is re-read only
 * when its ref moved: inotify watches on `refs/stages/` and the repository directory
 * (packed-refs) drop the cached stage as soon as any process renames a ref, so a rollback
 * made by the CLI is live on the next request without a syscall per request. Where the
 * file system cannot be watched, each request stats the stage's ref file instead (its
 * inode, mtime and size change on every compare-and-swap rename). Snapshots are cached by
 * deployment id (a rollback to a known deployment is free), and their parsed subtrees by
 * tree id (ApiTreeCache): a deployment that differs from a loaded one in a few methods
 * reads and parses only the trees and blobs on the changed paths. A stage that was served
 * and whose ref moves to a deployment that cannot be read (missing or corrupt objects)
 * keeps its previous snapshot until the ref moves again, and `log` gets one line about
 * it; a stage that never loaded answers 503 (the caller's choice). `invalidate()` drops
 * everything (for writers in the same process, such as the dashboard). A stage's
 * clientCertificateId is resolved here to the certificate and key kept in the
 * repository's local state, handed to the runtime (which reads no repository).
 *
 * @example
 * const server = await createPreviewServer({ loadStage: storeLoader({ gitdir: '.gitway' }), port: 4010 });
 */
export function storeLoader(opts: { gitdir: string; maxSnapshots?: number; watch?: boolean; log?: (line: string) => void }): StoreLoader {
  const cache: Record<string, unknown> = {};
  const repo = { fs, gitdir: opts.gitdir, cache };
  const trees = new ApiTreeCache();
  const snapshots = new Map<string, Promise<Api>>();
  const stages = new Map<string, { key: string; loaded: Promise<LoadedStage | null> }>();
  /** The last state of each stage that loaded, kept across invalidations (the fallback of a failed reload). */
  const served = new Map<string, { key: string; loaded: Promise<LoadedStage | null> }>();
  const maxSnapshots = opts.maxSnapshots ?? 16;

  const snapshot = (id: string): Promise<Api> => {
    let p = snapshots.get(id);
    if (!p) {
      p = readDeploymentApi(repo, id, trees);
      p.catch(() => snapshots.delete(id));
      snapshots.set(id, p);
      if (snapshots.size > maxSnapshots) snapshots.delete(snapshots.keys().next().value!);
    }
    return p;
  };

  const refKey = (name: string): string | null => {
    if (stageNameProblem(name)) return null;
    const loose = fs.statSync(path.join(opts.gitdir, 'refs', 'stages', name), { throwIfNoEntry: false });
    if (loose) return `L${loose.ino}:${loose.mtimeMs}:${loose.size}`;
    const packed = fs.statSync(path.join(opts.gitdir, 'packed-refs'), { throwIfNoEntry: false });
    return packed ? `P${packed.ino}:${packed.mtimeMs}:${packed.size}` : null;
  };

  const watchers: fs.FSWatcher[] = [];
  let watching = false;
  const invalidate = () => stages.clear();
  const watchDir = (dir: string): boolean => {
    try {
      const w = fs.watch(dir, { persistent: false }, (_event, file) => {
        invalidate();
        if (dir === path.join(opts.gitdir, 'refs') && String(file) === 'stages') watchDir(path.join(opts.gitdir, 'refs', 'stages'));
      });
      w.on('error', () => {
        watching = false;
        invalidate();
      });
      watchers.push(w);
      return true;
    } catch {
      return false;
    }
  };
  if (opts.watch !== false) {
    watching = watchDir(opts.gitdir) && watchDir(path.join(opts.gitdir, 'refs'));
    if (watching && fs.existsSync(path.join(opts.gitdir, 'refs', 'stages'))) watching = watchDir(path.join(opts.gitdir, 'refs', 'stages'));
  }

  const load = async (stageName: string): Promise<LoadedStage | null> => {
    const cached = stages.get(stageName);
    if (watching && cached) return cached.loaded;
    const key = refKey(stageName);
    if (key === null) {
      served.delete(stageName);
      return null;
    }
    if (cached?.key === key) return cached.loaded;
    const attempt = (async (): Promise<LoadedStage | null> => {
      const state = await getStage({ ...repo, stageName }).catch((err: { code?: string; data?: { what?: string } }) => {
        // A missing stage is a 403 upstream; a stage whose commit is missing or corrupt is an error (503).
        if (err.code === 'NotFoundError' && err.data?.what === 'stage') return null;
        throw err;
      });
      if (!state) return null;
      const canaryId = state.stage.canarySettings?.deploymentId;
      const certId = state.stage.clientCertificateId;
      const [api, canaryApi, clientCertificate] = await Promise.all([
        snapshot(state.stage.deploymentId),
        canaryId ? snapshot(canaryId) : undefined,
        // Certificates are local state: a stage pulled from elsewhere may name one this repository lacks.
        certId ? getClientCertificateKeyPair({ ...repo, clientCertificateId: certId }).catch(() => undefined) : undefined,
      ]);
      return { api, stage: state.stage, canaryApi, version: state.oid, ...(clientCertificate ? { clientCertificate } : {}) };
    })();
    // A reload that fails keeps the stage's last good snapshot (until its ref moves again).
    const previous = served.get(stageName)?.loaded;
    const loaded = previous
      ? attempt.catch(async (error: Error) => {
          const old = await previous.catch(() => null);
          if (!old) throw error;
          opts.log?.(`stage ${stageName}: cannot load its new state (${error?.message ?? error}); still serving deployment ${old.stage.deploymentId}`);
          return old;
        })
      : attempt;
    const entry = { key, loaded };
    stages.set(stageName, entry);
    loaded.then(
      (value) => (value ? served.set(stageName, entry) : served.delete(stageName)),
      () => stages.get(stageName) === entry && stages.delete(stageName),
    );
    return loaded;
  };
  return Object.assign(load, {
    invalidate,
    close: () => {
      for (const w of watchers) w.close();
      watching = false;
    },
  });
}

/** A loadStage function that can also drop its caches and stop watching. */
export type StoreLoader = ((stageName: string) => Promise<LoadedStage | null>) & { invalidate(): void; close(): void };
