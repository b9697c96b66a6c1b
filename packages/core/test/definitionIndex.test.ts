import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { definitionTree, deploy, diff, exportDefinition, readDefinitionFile, recordDefinitionTree, Errors, type FsClient } from '@gitway/core';
import { tempRepo, sampleApi } from '@gitway/test-utils';

/** node's fs, counting reads of one file (the index must answer without them). */
function countingFs(file: string): { fs: FsClient; reads: () => number } {
  let reads = 0;
  const promises = {
    ...fs.promises,
    readFile: (p: string, o?: unknown) => {
      if (p === file) reads++;
      return fs.promises.readFile(p, o as never);
    },
  };
  return { fs: { ...fs, promises } as unknown as FsClient, reads: () => reads };
}

async function deployedFile() {
  const repo = await tempRepo();
  const file = path.join(repo.dir, 'api.yaml');
  fs.writeFileSync(file, exportDefinition({ api: sampleApi('v1') }));
  const { api, source } = await readDefinitionFile({ ...repo, filepath: file, filename: 'api.yaml' });
  const d = await deploy({ ...repo, api, description: 'v1' });
  await recordDefinitionTree({ ...repo, source, tree: d.tree });
  const index = path.join(repo.gitdir, 'gitway-index');
  return { repo, file, d, index };
}

/** Sets the file's mtime `seconds` away from the index file's. */
function mtimeFromIndex(file: string, index: string, seconds: number): void {
  const t = fs.statSync(index).mtimeMs / 1000 + seconds;
  fs.utimesSync(file, t, t);
}

describe('the index of working definitions (racy-git rules)', () => {
  it('an unchanged definition older than the index is answered without reading it', async () => {
    const { repo, file, d, index } = await deployedFile();
    mtimeFromIndex(file, index, -10);
    // touching the file changed its stat data: one hash, and the entry is refreshed
    const first = countingFs(file);
    expect(await definitionTree({ ...repo, fs: first.fs, filepath: file })).toEqual({ tree: d.tree });
    expect(first.reads()).toBe(1);
    const c = countingFs(file);
    const r = await definitionTree({ ...repo, fs: c.fs, filepath: file });
    expect(r).toEqual({ tree: d.tree });
    expect(c.reads()).toBe(0);
    const delta = await diff({ ...repo, fs: c.fs, from: 'HEAD', to: { definition: file } });
    expect(delta.changes).toEqual([]);
    expect(delta.to.tree).toBe(d.tree);
    expect(c.reads()).toBe(0);
  });

  it('a racily clean entry (file not older than the index) is re-hashed, not trusted', async () => {
    const { repo, file, d, index } = await deployedFile();
    mtimeFromIndex(file, index, 0);
    const c = countingFs(file);
    expect(await definitionTree({ ...repo, fs: c.fs, filepath: file })).toEqual({ tree: d.tree });
    expect(c.reads()).toBe(1);
  });

  it('a change that keeps size and mtime is still seen (ctime and the hash)', async () => {
    const { repo, file, d, index } = await deployedFile();
    mtimeFromIndex(file, index, -10);
    await definitionTree({ ...repo, filepath: file });
    const before = fs.statSync(file);
    const text = fs.readFileSync(file, 'utf8');
    const changed = text.replace('title: petstore', 'title: petstorf');
    expect(changed).not.toBe(text);
    expect(changed.length).toBe(text.length);
    fs.writeFileSync(file, changed);
    fs.utimesSync(file, before.atime, before.mtime);
    const r = await definitionTree({ ...repo, filepath: file });
    expect(r.tree).not.toBe(d.tree);
    expect(r.api?.restApi.name).toBe('petstorf');
    const delta = await diff({ ...repo, from: 'HEAD', to: { definition: file } });
    expect(delta.changes.map((ch) => [ch.path, ch.field])).toEqual([['API', 'name']]);
  });

  it('an unreadable or foreign index is ignored; a missing definition is NotFoundError', async () => {
    const { repo, file, d, index } = await deployedFile();
    fs.writeFileSync(index, '{ not json');
    const r = await definitionTree({ ...repo, filepath: file });
    expect(r.tree).toBe(d.tree);
    expect(r.api?.restApi.name).toBe('petstore');
    fs.writeFileSync(index, JSON.stringify({ version: 999, entries: { [file]: { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1, hash: 'x', tree: 'f'.repeat(40) } } }));
    expect((await definitionTree({ ...repo, filepath: file })).tree).toBe(d.tree);
    const missing = await definitionTree({ ...repo, filepath: path.join(repo.dir, 'nope.yaml'), filename: 'nope.yaml' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Errors.NotFoundError);
    expect((missing as InstanceType<typeof Errors.NotFoundError>).message).toBe('definition file not found: nope.yaml');
  });
});
