#!/usr/bin/env node
// The `gitway` binary. It is committed (not built) so that npm can link it while
// installing, before the workspace's `prepare` step has built dist/.
import { existsSync } from 'node:fs';

// dist/bundle/main.js: the CLI's modules bundled into a few files (scripts/bundleDist.mjs)
const main = new URL('../dist/bundle/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('error: gitway is not built (apps/cli/dist/bundle/main.js is missing): run `npm run build` [NotBuiltError]\n');
  process.exit(128);
}
await import(main.href);
