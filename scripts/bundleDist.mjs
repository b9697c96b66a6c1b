#!/usr/bin/env node
// Bundles a package's tsc output (dist/) into a few files under dist/bundle/, one per entry
// point, with shared code in dist/bundle/chunks/ (so the entries share one copy of every
// module and its state). Node's ES module loader pays per file (resolve, open, read,
// compile): @gitway/core is ~190 files, and importing them cost more CPU than the work of
// `gitway status`. Every bare import (node:*, npm packages, other @gitway/* packages) stays
// external, so each package keeps one copy and lazy `import()`s of dependencies stay lazy.
//
// usage (from the package directory, after tsc): node ../../scripts/bundleDist.mjs index internal model
import fs from 'node:fs';
import path from 'node:path';
import { rolldown } from 'rolldown';

const entries = process.argv.slice(2);
if (!entries.length) {
  process.stderr.write('usage: bundleDist.mjs <entry> [entry...] (names of dist/<entry>.js)\n');
  process.exit(2);
}
const dist = path.resolve('dist');
const out = path.join(dist, 'bundle');
fs.rmSync(out, { recursive: true, force: true });
const input = Object.fromEntries(entries.map((e) => [e, path.join(dist, `${e}.js`)]));
const bundle = await rolldown({
  input,
  platform: 'node',
  // relative imports are the package's own modules; everything else is resolved by node at run time
  external: (id, importer) => importer !== undefined && !id.startsWith('.') && !path.isAbsolute(id),
  // the package's own dynamic import()s of its modules are wanted (they may be lazy on purpose)
  checks: { ineffectiveDynamicImport: false },
});
await bundle.write({ dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' });
await bundle.close();
