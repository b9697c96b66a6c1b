import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { deploy, parseDefinition, readDefinitionFile, recordDefinitionTree } from '@gitway/core';
import { fsck, tempRepo } from '@gitway/test-utils';

/** A definition with `n` paths; path `changed` answers `salt`. */
function definition(n: number, changed = -1, salt = ''): string {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const body = i === changed ? `{"changed": "${salt}"}` : `{"i": ${i}}`;
    paths[`/r${i}/{id}`] = {
      get: {
        operationId: `get${i}`,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } } },
        'x-amazon-apigateway-integration': { type: 'mock', requestTemplates: { 'application/json': '{"statusCode": 200}' }, responses: { default: { statusCode: '200', responseTemplates: { 'application/json': body } } } },
      },
    };
  }
  return stringify({ openapi: '3.0.1', info: { title: 'items', version: '1' }, paths, components: { schemas: { Item: { type: 'object' } } } }, { lineWidth: 0, aliasDuplicateObjects: false });
}

async function setup(n = 20) {
  const repo = await tempRepo();
  const file = path.join(repo.dir, 'api.yaml');
  const cacheFile = path.join(repo.gitdir, 'gitway-import-cache');
  const read = async (text: string) => {
    fs.writeFileSync(file, text);
    const { api, source } = await readDefinitionFile({ ...repo, filepath: file, filename: 'api.yaml' });
    // what recordDefinitionTree does once the definition is deployed
    await source.imports?.flush();
    return api;
  };
  return { repo, file, cacheFile, read, n };
}

/** readDefinitionFile (cached) and parseDefinition (uncached) give the same API and the same deployment tree. */
async function expectSameAsUncached(ctx: Awaited<ReturnType<typeof setup>>, text: string): Promise<void> {
  const cached = await ctx.read(text);
  const uncached = await parseDefinition({ text, filename: 'api.yaml' });
  expect(JSON.stringify(cached)).toBe(JSON.stringify(uncached));
  const a = await deploy({ ...ctx.repo, api: cached, allowEmpty: true });
  const b = await deploy({ ...ctx.repo, api: uncached, allowEmpty: true });
  expect(a.tree).toBe(b.tree);
}

const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('the import cache in the repository (gitway-import-cache)', () => {
  it('keeps each path entry once; a one-path change appends one line and gives the uncached answer', async () => {
    const ctx = await setup();
    await expectSameAsUncached(ctx, definition(ctx.n));
    const first = lines(ctx.cacheFile);
    expect(first[0]).toMatch(/^gitway-import-cache 2 [0-9a-f]{40} \d+ [0-9a-f]{40}$/);
    expect(first.length).toBe(1 + ctx.n);
    await expectSameAsUncached(ctx, definition(ctx.n, 3, 'x'));
    const second = lines(ctx.cacheFile);
    expect(second.slice(0, first.length)).toEqual(first);
    expect(second.length).toBe(first.length + 1);
    expect(second.at(-1)).toMatch(/^[0-9a-f]{40} [0-9a-f]{16} \{"k":"\/r3\/\{id\}","r":/);
    fsck(ctx.repo.gitdir);
  });

  it('reading alone writes nothing: the cache learns when the deployment is recorded', async () => {
    const ctx = await setup(3);
    fs.writeFileSync(ctx.file, definition(ctx.n));
    const { api, source } = await readDefinitionFile({ ...ctx.repo, filepath: ctx.file, filename: 'api.yaml' });
    expect(fs.existsSync(ctx.cacheFile)).toBe(false);
    const d = await deploy({ ...ctx.repo, api });
    await recordDefinitionTree({ ...ctx.repo, source, tree: d.tree });
    expect(lines(ctx.cacheFile).length).toBe(1 + ctx.n);
  });

  it('a damaged, foreign or forged cache never changes the answer, and is rewritten sound', async () => {
    const ctx = await setup();
    const base = definition(ctx.n);
    await ctx.read(base);
    const sound = fs.readFileSync(ctx.cacheFile, 'utf8');
    const [header, firstEntry] = sound.split('\n');
    const hash = firstEntry!.slice(0, 40);
    const forged = `{"k":"/r0/{id}","r":{"/r0/{id}":{"path":"/r0/{id}","resourceMethods":{}}}}`;
    const damages: [string, string][] = [
      ['truncated', sound.slice(0, sound.length / 2)],
      ['a byte changed in the body', sound.replace('"i\\": 7', '"i\\": 8')],
      ['garbage', 'not a cache\n\u0000\u0001'],
      ['empty', ''],
      ['another environment', sound.replace(header!, header!.replace(/ [0-9a-f]{40} /, ` ${'0'.repeat(40)} `))],
      ['a wrong body length', sound.replace(header!, header!.replace(/ (\d+) /, (_, n: string) => ` ${Number(n) - 1} `))],
      ['a forged appended line', `${sound}${hash} 0123456789abcdef ${forged}\n`],
      ['a torn appended line', `${sound}${hash} 0123456789abcdef {"k":"/r0/{`],
    ];
    for (const [what, content] of damages) {
      expect(content).not.toBe(sound);
      fs.writeFileSync(ctx.cacheFile, content);
      // the same text (all entries looked up) and a one-path change
      await expectSameAsUncached(ctx, base).catch((e: Error) => Promise.reject(new Error(`${what}: ${e.message}`)));
      await expectSameAsUncached(ctx, definition(ctx.n, 0, what)).catch((e: Error) => Promise.reject(new Error(`${what}: ${e.message}`)));
    }
    // the last read rewrote or extended a sound cache: the same text is answered from it
    const before = fs.readFileSync(ctx.cacheFile, 'utf8');
    await ctx.read(definition(ctx.n, 0, 'a torn appended line'));
    expect(fs.readFileSync(ctx.cacheFile, 'utf8')).toBe(before);
  });

  it('stays bounded: appended lines are folded into a rewritten file', async () => {
    const ctx = await setup(10);
    await ctx.read(definition(ctx.n));
    const size = fs.statSync(ctx.cacheFile).size;
    let largest = size;
    for (let k = 0; k < 80; k++) {
      await ctx.read(definition(ctx.n, k % ctx.n, `change ${k}`));
      largest = Math.max(largest, fs.statSync(ctx.cacheFile).size);
    }
    // at most 64 appended lines over the entries in use
    expect(lines(ctx.cacheFile).length).toBeLessThanOrEqual(1 + ctx.n + 64);
    expect(largest).toBeLessThan(size * 10);
    await expectSameAsUncached(ctx, definition(ctx.n, 5, 'change 75'));
  });
});
