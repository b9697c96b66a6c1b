import fs from 'node:fs';
import path from 'node:path';
import { getStage, readDeployment, type Api } from '@gitway/core';
import type { LoadedStage } from './server.js';

/**
 * `loadStage` for createPreviewServer over a gitway repository. Each request costs one
 * synchronous stat of the stage's ref file (its inode, mtime and size change on every
 * compare-and-swap rename), so a rollback made by another process is live on the next
 * request; the stage record and the deployment snapshots are re-read only when the ref
 * moved. Snapshots are cached by deployment id (a rollback to a known deployment is free).
 *
 * @example
 * const server = await createPreviewServer({ loadStage: storeLoader({ gitdir: '.gitway' }), port: 4010 });
 */
export function storeLoader(opts: { gitdir: string; maxSnapshots?: number }): (stageName: string) => Promise<LoadedStage | null> {
  const cache: Record<string, unknown> = {};
  const repo = { fs, gitdir: opts.gitdir, cache };
  const snapshots = new Map<string, Promise<Api>>();
  const stages = new Map<string, { key: string; loaded: Promise<LoadedStage | null> }>();
  const maxSnapshots = opts.maxSnapshots ?? 16;

  const snapshot = (id: string): Promise<Api> => {
    let p = snapshots.get(id);
    if (!p) {
      p = readDeployment({ ...repo, rev: id }).then((d) => d.api);
      p.catch(() => snapshots.delete(id));
      snapshots.set(id, p);
      if (snapshots.size > maxSnapshots) snapshots.delete(snapshots.keys().next().value!);
    }
    return p;
  };

  const refKey = (name: string): string | null => {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(name)) return null;
    const loose = fs.statSync(path.join(opts.gitdir, 'refs', 'stages', name), { throwIfNoEntry: false });
    if (loose) return `L${loose.ino}:${loose.mtimeMs}:${loose.size}`;
    const packed = fs.statSync(path.join(opts.gitdir, 'packed-refs'), { throwIfNoEntry: false });
    return packed ? `P${packed.ino}:${packed.mtimeMs}:${packed.size}` : null;
  };

  return async (stageName) => {
    const key = refKey(stageName);
    if (key === null) return null;
    const cached = stages.get(stageName);
    if (cached?.key === key) return cached.loaded;
    const loaded = (async (): Promise<LoadedStage | null> => {
      const state = await getStage({ ...repo, stageName }).catch((err: { code?: string }) => {
        if (err.code === 'NotFoundError') return null;
        throw err;
      });
      if (!state) return null;
      const canaryId = state.stage.canarySettings?.deploymentId;
      const [api, canaryApi] = await Promise.all([snapshot(state.stage.deploymentId), canaryId ? snapshot(canaryId) : undefined]);
      return { api, stage: state.stage, canaryApi, version: state.oid };
    })();
    stages.set(stageName, { key, loaded });
    loaded.catch(() => stages.delete(stageName));
    return loaded;
  };
}
