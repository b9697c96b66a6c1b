import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:reliability`: long-running concurrency, crash-injection, fuzzing and load
// checks, kept out of the normal `npm test` run. Self-contained: the same "@gitway/source"
// resolve conditions as the root config, so tests import packages from src/ (child
// processes use the built dist/ through the CLI or workers/*.mjs).
// RELIABILITY_QUICK=1 shortens every part (~2 min in all).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const conditions = ['@gitway/source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  root,
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['tools/reliability/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['tools/reliability/summary.setup.ts'],
    testTimeout: 900_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One part at a time: each one loads both cores (child processes, load generator).
    fileParallelism: false,
    maxWorkers: 1,
  },
});
