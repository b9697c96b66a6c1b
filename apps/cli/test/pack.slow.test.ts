// gitway installs like a real package: `npm pack` of every workspace package the CLI needs,
// installed together into an empty directory, gives a working binary and library. Also
// checks that what each package imports is declared, and what it declares is imported.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@gitway/test-utils';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NPM_TIMEOUT = 300_000;

interface Pkg {
  dir: string;
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function workspaces(): Map<string, Pkg> {
  const out = new Map<string, Pkg>();
  for (const group of ['packages', 'apps', 'tools']) {
    for (const d of fs.readdirSync(path.join(ROOT, group))) {
      const file = path.join(ROOT, group, d, 'package.json');
      if (fs.existsSync(file)) {
        const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as Pkg;
        out.set(pkg.name, { ...pkg, dir: path.join(ROOT, group, d) });
      }
    }
  }
  return out;
}

/** The CLI and every workspace package it depends on, transitively. */
function cliClosure(all: Map<string, Pkg>): Pkg[] {
  const seen = new Map<string, Pkg>();
  const visit = (name: string) => {
    const pkg = all.get(name);
    if (!pkg || seen.has(name)) return;
    seen.set(name, pkg);
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep);
  };
  visit('gitway');
  return [...seen.values()];
}

/** Bare module specifiers imported by the JavaScript under `dir` (package names only). */
function importsOf(dir: string): Set<string> {
  const names = new Set<string>();
  const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(m?js|ts)$/.test(f) && !f.endsWith('.d.ts') && !/\.test\.|(^|\/)test\//.test(f));
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)['"]([^'"./][^'"]*)['"]/g)) {
      const spec = m[1];
      if (spec.startsWith('node:') || !/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w./-]*)?$/.test(spec)) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  return names;
}

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', timeout: NPM_TIMEOUT, env: { ...process.env, NO_COLOR: '1', GITWAY_AUTHOR_NAME: 'Pack Test', GITWAY_AUTHOR_EMAIL: 'pack@example.com', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('installable like a real package', () => {
  it('every package the CLI needs is public and declares exactly what it imports', () => {
    const all = workspaces();
    const needed = cliClosure(all);
    expect(needed.map((p) => p.name).sort()).toEqual(expect.arrayContaining(['@gitway/core', '@gitway/preview', '@gitway/runtime', 'gitway']));
    for (const pkg of needed) {
      expect(pkg.private, `${pkg.name} must not be private`).not.toBe(true);
      const used = importsOf(path.join(pkg.dir, 'src'));
      used.delete(pkg.name);
      const declared = new Set(Object.keys(pkg.dependencies ?? {}));
      expect([...used].filter((n) => !declared.has(n)), `${pkg.name} imports undeclared packages`).toEqual([]);
      expect([...declared].filter((n) => !used.has(n)), `${pkg.name} declares unused packages`).toEqual([]);
    }
    // The benchmarks are run from the repository, but their imports must be declared too.
    const bench = all.get('@gitway/bench')!;
    const benchDeclared = new Set([...Object.keys(bench.dependencies ?? {}), ...Object.keys(bench.devDependencies ?? {})]);
    expect([...importsOf(path.join(bench.dir, 'src'))].filter((n) => !benchDeclared.has(n)), '@gitway/bench imports undeclared packages').toEqual([]);
  });

  it('npm pack + npm install of the tarballs gives a working gitway binary and library', async () => {
    const needed = cliClosure(workspaces());
    const tarballs = tempDir('gitway-pack-');
    const app = tempDir('gitway-install-');
    for (const pkg of needed) run('npm', ['pack', '--silent', '--pack-destination', tarballs], pkg.dir);
    const files = fs.readdirSync(tarballs).filter((f) => f.endsWith('.tgz'));
    expect(files.length).toBe(needed.length);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'try-gitway', private: true, type: 'module' }));
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...files.map((f) => path.join(tarballs, f))], app);

    const bin = path.join(app, 'node_modules', '.bin', 'gitway');
    expect(run(bin, ['--version'], app)).toBe(`gitway ${JSON.parse(fs.readFileSync(path.join(ROOT, 'apps/cli/package.json'), 'utf8')).version}\n`);
    fs.copyFileSync(path.join(ROOT, 'examples/petstore/v1.yaml'), path.join(app, 'api.yaml'));
    expect(run(bin, ['init'], app)).toContain('Initialized empty gitway repository in .gitway/');
    const deployed = JSON.parse(run(bin, ['deploy', '-m', 'v1', '--stage', 'prod', '--json'], app));
    expect(deployed.description).toBe('v1');
    expect(JSON.parse(run(bin, ['stage', 'show', 'prod', '--json'], app)).deploymentId).toBe(deployed.id);

    // The library from a plain .mjs file, resolved from the installed packages.
    fs.writeFileSync(
      path.join(app, 'lib.mjs'),
      [
        "import fs from 'node:fs';",
        "import { deploy, readDeployment } from '@gitway/core';",
        "import { createGateway } from '@gitway/runtime';",
        "const { api } = await readDeployment({ fs, gitdir: '.gitway', rev: 'prod' });",
        "const d = await deploy({ fs, gitdir: '.gitway', api: { ...api, restApi: { ...api.restApi, description: 'from the library' } }, description: 'lib', stageName: 'lib' });",
        "const res = await createGateway({ api, stage: d.stage }).handle({ method: 'GET', path: '/pets', headers: {}, query: {} });",
        'console.log(JSON.stringify({ id: d.id, stage: d.stage.deploymentId, status: res.statusCode }));',
      ].join('\n'),
    );
    const lib = JSON.parse(run(process.execPath, ['lib.mjs'], app));
    expect(lib.stage).toBe(lib.id);
    expect(lib.id).not.toBe(deployed.id);
    expect(lib.status).toBe(200);

    // preview (the @gitway/preview package) starts from the installed tarballs.
    const child = spawn(bin, ['preview', '--port', '0', '--json'], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
    const started = await new Promise<{ stages: { stageName: string }[] }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
      });
      child.on('close', (code) => reject(new Error(`preview exited (${code})`)));
    });
    child.kill('SIGTERM');
    expect(started.stages.map((s) => s.stageName)).toEqual(['lib', 'prod']);
  }, NPM_TIMEOUT * 2);
});
