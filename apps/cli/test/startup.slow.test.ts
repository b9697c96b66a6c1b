// What the built binary loads at start-up (issue 19: `gitway status` and `gitway diff` on an
// unchanged definition answer from the index): the packages it loads, from a trace of every
// module file (fixtures/traceModules.mjs, preloaded with --import).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@gitway/test-utils';
import { gitway, initDemo, spawnGitway } from './helpers.js';

const SLOW = 120_000;
const TRACE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/traceModules.mjs');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs the binary with the trace; returns its exit code, stdout and the loaded modules. */
async function traced(dir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string; packages: string[]; gitwayFiles: string[] }> {
  const out = path.join(tempDir('gitway-trace-'), 'modules.txt');
  const r = await spawnGitway(dir, { NODE_OPTIONS: `--import=${TRACE}`, GITWAY_TRACE_MODULES: out }, ...args);
  const files = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).map((f) => (f.startsWith('file:') ? fileURLToPath(f) : f));
  const packages = new Set<string>();
  for (const f of files) {
    const m = /[/\\]node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/.exec(f.slice(f.lastIndexOf('node_modules') - 1));
    if (m) packages.add(m[1].replace('\\', '/'));
  }
  // the workspace's own packages, relative to the repository ("packages/core/dist/...")
  const gitwayFiles = files.filter((f) => f.startsWith(ROOT) && !f.includes('node_modules') && !f.includes('fixtures')).map((f) => path.relative(ROOT, f));
  return { code: r.code, stdout: r.stdout, stderr: r.stderr, packages: [...packages].sort(), gitwayFiles };
}

// yargs and what it needs, and picocolors: the CLI's parser and colours.
const START_UP = ['cliui', 'escalade', 'picocolors', 'y18n', 'yargs', 'yargs-parser'];

describe('start-up of the built binary', () => {
  it('status and diff of an unchanged definition load no parser, validator, text diff nor isomorphic-git; a changed one loads the parser', async () => {
    const { dir, gitdir, api } = await initDemo('gitway-startup-');
    expect((await gitway(dir, 'deploy', '-m', 'v1', '--stage', 'prod')).code).toBe(0);
    // the first status creates the REST API id (a config write, through isomorphic-git)
    expect((await gitway(dir, 'status')).code).toBe(0);
    // older than the index: the first status re-hashes (stat data changed), then the entry is clean
    const t = fs.statSync(path.join(gitdir, 'gitway-index')).mtimeMs / 1000 - 10;
    fs.utimesSync(api, t, t);
    const first = await traced(dir, 'status');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('working definition api.yaml matches the branch tip');
    expect(first.packages).toEqual(START_UP);

    const status = await traced(dir, 'status');
    expect(status.packages).toEqual(START_UP);
    // the bundles, never tsc's one-file-per-module output
    expect(status.gitwayFiles.filter((f) => /^(packages|apps)\//.test(f) && !/\/dist\/bundle\//.test(f))).toEqual(['apps/cli/bin/gitway.js']);

    const diff = await traced(dir, 'diff', '--exit-code');
    expect(diff.code).toBe(0);
    expect(diff.packages).toEqual(START_UP);

    fs.writeFileSync(api, fs.readFileSync(api, 'utf8').replace('title: PetStore', 'title: PetStore 2'));
    const changed = await traced(dir, 'diff', '--exit-code');
    expect(changed.code).toBe(1);
    // the fast parser; the position-aware one (yaml) only when an error needs a line:column
    expect(changed.packages).toEqual(['js-yaml', ...START_UP].sort());

    // a syntax error: the fast path declines, yaml names the place
    fs.writeFileSync(api, 'openapi: 3.0.1\ninfo: { title: pets\npaths: {}\n');
    const broken = await traced(dir, 'status');
    expect(broken.code).toBe(128);
    expect(broken.stderr).toMatch(/^error: api\.yaml:\d+:\d+: .* \[ParseError\]\n$/);
    expect(broken.packages).toEqual(['js-yaml', ...START_UP, 'yaml'].sort());
  }, SLOW);
});
