import { defineConfig } from 'vitest/config';

// Tests import workspace packages by name; the "@gitway/source" export condition
// points them at src/ so a test run never sees a stale dist/.
export default defineConfig({
  resolve: { conditions: ['@gitway/source', 'module', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['@gitway/source', 'module', 'node', 'import', 'default'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'tools/*/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'tools/reliability/**'],
    // Generous: a loaded 2-core machine can be several times slower than an idle one, and a
    // timeout must mean a hang, never load. Speed is measured in tools/bench, not here.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
