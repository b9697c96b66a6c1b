import type { RepoOptions } from '../models/FsClient.js';
import type { BuiltTree, GitObject } from '../storage/gitObjects.js';
import { readBlobText, readTree } from '../storage/readObjects.js';
import type { ReadStats } from './types.js';

/** One tree entry, normalized. */
export interface Entry {
  name: string;
  oid: string;
  isTree: boolean;
}

/** An object held in memory (built from an Api, or produced by a merge) instead of the store. */
export interface MemObject {
  object: GitObject;
  entries?: Entry[];
}

/**
 * Reads trees and JSON blobs by oid, from an in-memory overlay first, then the store,
 * counting store reads so that tests and benchmarks can check the cost of a walk.
 */
export class ObjectReader {
  readonly stats: ReadStats = { treesRead: 0, blobsRead: 0 };
  readonly overlay: Map<string, MemObject>;
  constructor(
    readonly opts: RepoOptions,
    overlay?: Map<string, MemObject>,
  ) {
    this.overlay = overlay ?? new Map();
  }

  async tree(oid: string | null): Promise<Entry[]> {
    if (!oid) return [];
    const mem = this.overlay.get(oid);
    if (mem?.entries) return mem.entries;
    this.stats.treesRead++;
    return (await readTree(this.opts, oid)).map((e) => ({ name: e.path, oid: e.oid, isTree: e.type === 'tree' }));
  }

  async text(oid: string): Promise<string> {
    const mem = this.overlay.get(oid);
    if (mem) return mem.object.content.toString('utf8');
    this.stats.blobsRead++;
    return readBlobText(this.opts, oid);
  }

  async json(oid: string | null): Promise<unknown> {
    return oid ? JSON.parse(await this.text(oid)) : undefined;
  }

  /** Adds every object of an in-memory tree to the overlay; returns the root tree oid. */
  addBuilt(built: BuiltTree): string {
    const entries: Entry[] = [];
    for (const [name, child] of built.children) {
      if ('children' in child) entries.push({ name, oid: this.addBuilt(child), isTree: true });
      else {
        entries.push({ name, oid: child.oid, isTree: false });
        this.overlay.set(child.oid, { object: child });
      }
    }
    this.overlay.set(built.object.oid, { object: built.object, entries });
    return built.object.oid;
  }
}
