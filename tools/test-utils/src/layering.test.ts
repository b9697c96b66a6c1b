import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layeringProblems } from './layering.js';
import { tempDir } from './index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A copy of core's and runtime's sources (nothing else) in a temp dir. */
function copyLayers(): string {
  const dir = tempDir('gitway-layering-');
  for (const d of ['packages/core/src', 'packages/runtime/src']) fs.cpSync(path.join(ROOT, d), path.join(dir, d), { recursive: true });
  return dir;
}

function plant(root: string, file: string, line: string): void {
  const p = path.join(root, file);
  fs.writeFileSync(p, `${line}\n${fs.readFileSync(p, 'utf8')}`);
}

describe('layering: core knows nothing of HTTP serving or terminals, runtime nothing of git', () => {
  it('the repository keeps the layers', () => {
    expect(layeringProblems(ROOT)).toEqual([]);
  });

  it.each([
    ['packages/core/src/api/deploy.ts', "import http from 'node:http';", "imports 'node:http'"],
    ['packages/core/src/api/deploy.ts', "import { createServer } from 'node:net';", "imports 'node:net'"],
    ['packages/core/src/api/log.ts', "import https from 'https';", "imports 'https'"],
    ['packages/core/src/diff/renderDiff.ts', "import pc from 'picocolors';", "imports 'picocolors'"],
    ['packages/core/src/api/init.ts', "const { SingleBar } = await import('cli-progress');", "imports 'cli-progress'"],
    ['packages/core/src/api/init.ts', "const write = (s: string) => process.stdout.write(s);", 'uses process.stdout'],
    ['packages/runtime/src/createGateway.ts', "import git from 'isomorphic-git';", "imports 'isomorphic-git'"],
    ['packages/runtime/src/createGateway.ts', "import { readDeployment } from '@gitway/core';", "imports '@gitway/core'"],
    ['packages/runtime/src/createGateway.ts', "import { apiToFiles } from '@gitway/core/internal';", "imports '@gitway/core/internal'"],
    ['packages/runtime/src/createGateway.ts', "export { readRef } from '../../core/src/storage/refs.js';", "imports '../../core/src/storage/refs.js'"],
  ])('a planted bad import fails it: %s <- %s', (file, line, what) => {
    const root = copyLayers();
    expect(layeringProblems(root)).toEqual([]);
    plant(root, file, line);
    expect(layeringProblems(root)).toEqual([expect.objectContaining({ file, line: 1, what })]);
  });

  it('type-only imports of core and its pure model are what runtime may use', () => {
    const root = copyLayers();
    plant(root, 'packages/runtime/src/createGateway.ts', "import type { Deployment } from '@gitway/core';\nimport { DEFAULT_RATE_LIMIT } from '@gitway/core/model';");
    expect(layeringProblems(root)).toEqual([]);
  });
});
