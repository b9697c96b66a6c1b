import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { specs } from '../src/specs/index.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/specs');

describe('the command table', () => {
  it('lists every specs/<name>.ts once, in file-name order (a spec file left out would be a lost command)', async () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.includes('.test.')).sort();
    const modules = await Promise.all(files.map(async (f) => (await import(path.join(dir, f))).default));
    expect(specs.map((s) => s.command)).toEqual(modules.map((m) => m.command));
    expect(specs).toEqual(modules);
  });
});
