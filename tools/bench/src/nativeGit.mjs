// The anchor: native git doing the same work as gitway, on the same content.
import { execFileSync, spawn } from 'node:child_process';

export const AUTHOR_LINE = 'Bench <bench@example.com> 1767225600 +0000';

export function git(gitdir, ...args) {
  return execFileSync('git', ['--git-dir', gitdir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 << 20 });
}

function dataCmd(text) {
  const buf = Buffer.from(text, 'utf8');
  return [Buffer.from(`data ${buf.length}\n`), buf, Buffer.from('\n')];
}

/** A fast-import stream committing `files` (path -> text) as the whole tree of a commit on `ref`. */
export function fastImportStream(files, { ref = 'refs/heads/main', message = 'bench', from } = {}) {
  const parts = [];
  let mark = 0;
  const marks = new Map();
  if (!from) {
    for (const [p, text] of files) {
      marks.set(p, ++mark);
      parts.push(Buffer.from(`blob\nmark :${mark}\n`), ...dataCmd(text));
    }
  }
  parts.push(Buffer.from(`commit ${ref}\nmark :${++mark}\nauthor ${AUTHOR_LINE}\ncommitter ${AUTHOR_LINE}\n`), ...dataCmd(message));
  if (from) {
    parts.push(Buffer.from(`from ${from}\n`));
    for (const [p, text] of files) parts.push(Buffer.from(`M 100644 inline ${p}\n`), ...dataCmd(text));
  } else {
    for (const p of files.keys()) parts.push(Buffer.from(`M 100644 :${marks.get(p)} ${p}\n`));
  }
  parts.push(Buffer.from('done\n'));
  return Buffer.concat(parts);
}

/** Runs `git fast-import` with `stream` on stdin; resolves with the wall time in ms. */
export function fastImport(gitdir, stream) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('git', ['--git-dir', gitdir, 'fast-import', '--quiet', '--done'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`git fast-import failed (${code}): ${err}`))));
    child.stdin.end(stream);
  });
}

/** Wall time (ms) of a native git command. */
export function timeGit(gitdir, ...args) {
  const t0 = performance.now();
  const out = git(gitdir, ...args);
  return { ms: performance.now() - t0, out };
}
