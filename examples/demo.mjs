#!/usr/bin/env node
// `npm start`: builds a demo repository from examples/petstore, walks through the
// gitway workflow with the real CLI (every command printed before it runs), then
// serves the stages with `gitway preview` and prints URLs to try.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'apps/cli/dist/index.js');
const demo = path.join(root, 'demo');
const examples = path.join(root, 'examples/petstore');
const serve = !process.argv.includes('--no-serve');
const tty = process.stdout.isTTY && !('NO_COLOR' in process.env);
const sgr = (code, text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
const has = (verb) => fs.existsSync(path.join(root, `apps/cli/dist/specs/${verb}.js`));

fs.rmSync(demo, { recursive: true, force: true });
fs.mkdirSync(demo, { recursive: true });
const env = { ...process.env, GITWAY_AUTHOR_NAME: process.env.GITWAY_AUTHOR_NAME ?? 'Demo User', GITWAY_AUTHOR_EMAIL: process.env.GITWAY_AUTHOR_EMAIL ?? 'demo@example.com' };

function step(title) {
  console.log('\n' + sgr(1, `== ${title}`));
}
function gitway(...args) {
  console.log(sgr(2, `$ gitway ${args.join(' ')}`));
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: demo, env, stdio: 'inherit' });
  if (r.status !== 0 && !(args[0] === 'diff' && r.status === 1) && !(args[0] === 'merge' && r.status === 1)) {
    console.error(`demo: 'gitway ${args.join(' ')}' failed with exit code ${r.status}`);
    process.exit(1);
  }
}
function use(version) {
  fs.copyFileSync(path.join(examples, `${version}.yaml`), path.join(demo, 'api.yaml'));
  console.log(sgr(2, `# api.yaml <- examples/petstore/${version}.yaml`));
}

step('A repository next to the API definition');
use('v1');
gitway('init');

step('Deploy v1 and create stage prod (stage variable "backend" picks the HTTP backend)');
gitway('deploy', '-m', 'v1: pets, pet by id, proxy', '--stage', 'prod', '--variables', 'backend=http://127.0.0.1:4011');
gitway('stage', 'create', 'dev', '--deployment', 'main', '--variables', 'backend=http://127.0.0.1:4011');

step('Deploy v2 to prod (changed list response and timeout, new /health route)');
use('v2');
gitway('deploy', '-m', 'v2: health route, new list shape', '--stage', 'prod');
gitway('log', '--oneline');
if (has('diff')) gitway('diff', 'prod@{1}', 'prod');

step("prod's own history, then roll it back to what it served before");
gitway('stage', 'history', 'prod');
gitway('rollback', 'prod');
gitway('stage', 'list');

if (has('merge') && has('branch') && has('switch')) {
  step('A private branch, merged into the public one');
  gitway('switch', '-c', 'private');
  const text = fs.readFileSync(path.join(demo, 'api.yaml'), 'utf8').replace('Liveness probe (new in v2)', 'Liveness probe, private edition');
  fs.writeFileSync(path.join(demo, 'api.yaml'), text);
  gitway('deploy', '-m', 'private: reword the health probe', '--stage', 'dev');
  gitway('switch', 'main');
  const mainText = fs.readFileSync(path.join(demo, 'api.yaml'), 'utf8').replace('timeoutInMillis: 3000', 'timeoutInMillis: 2000');
  fs.writeFileSync(path.join(demo, 'api.yaml'), mainText);
  console.log(sgr(2, '# api.yaml: GET /pets/{petId} timeout 3000 -> 2000 on main'));
  gitway('deploy', '-m', 'main: tighter backend timeout');
  gitway('diff', 'main', 'private', '--stat');
  gitway('merge', 'private', '--deploy', '--stage', 'prod', '-m', 'Merge private into main');
  gitway('log', '--oneline', '-n', '5');
}

console.log(`\nThe demo repository is ${path.relative(process.cwd(), path.join(demo, '.gitway')) || demo} (a bare git repository: try`);
console.log(`  git --git-dir ${path.join(demo, '.gitway')} log --first-parent --oneline refs/stages/prod )`);

if (serve && has('preview')) {
  step('Serving every stage (Ctrl-C to stop)');
  const backend = (await import('node:http')).createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ backend: 'demo backend on 127.0.0.1:4011', path: req.url }));
  });
  backend.listen(4011, '127.0.0.1');
  console.log('Try:');
  console.log('  curl http://127.0.0.1:4010/prod/pets');
  console.log('  curl http://127.0.0.1:4010/prod/pets/7        # HTTP integration -> ${stageVariables.backend}');
  console.log('  curl http://127.0.0.1:4010/dev/health');
  console.log('  open http://127.0.0.1:4010/_gitway/           # the dashboard');
  const child = spawn(process.execPath, [bin, 'preview', '--port', '4010'], { cwd: demo, env, stdio: 'inherit' });
  const stop = () => {
    child.kill('SIGTERM');
    backend.close();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}
