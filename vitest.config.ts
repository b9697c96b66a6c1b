import { defineConfig } from 'vitest/config';

// Tests import workspace packages by name; the "@gitway/source" export condition
// points them at src/ so a test run never sees a stale dist/. No "module" condition: vitest
// passes the conditions to node, and "module" picks bundler-only builds (the AWS SDK's dist-es).
const conditions = ['@gitway/source', 'node', 'import', 'default'];

const everyTest = [
  'packages/*/src/**/*.test.ts',
  'packages/*/test/**/*.test.ts',
  'apps/*/src/**/*.test.ts',
  'apps/*/test/**/*.test.ts',
  'tools/*/src/**/*.test.ts',
];
// End-to-end tests drive whole programs the user runs: the built binary from the README, npm
// pack + install, Debian's AWS CLI, Chromium, sshd. They prove the same behaviour the in-process
// tests prove, through the real processes, and take most of the wall time; `npm test` leaves
// them to `npm run test:e2e` (CI runs both, see .ci/run).
const endToEnd = ['**/*.slow.test.ts', '**/*.browser.test.ts'];
const excluded = ['**/node_modules/**', '**/dist/**', 'tools/reliability/**'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    // Generous: a loaded 2-core machine can be several times slower than an idle one, and a
    // timeout must mean a hang, never load. Speed is measured in tools/bench, not here.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      // One module graph per worker (isolate: false): transforming and importing the packages
      // again for each of ~90 files cost more than the tests (124 s -> 84 s idle). So a unit
      // test leaves no global state behind: environment variables restored, no vi.mock.
      { extends: true, test: { name: 'unit', include: everyTest, exclude: [...excluded, ...endToEnd], isolate: false } },
      { extends: true, test: { name: 'e2e', include: endToEnd, exclude: excluded } },
    ],
  },
});
