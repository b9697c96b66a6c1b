import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

// Collects the one-line summary of each part (written by report() in helpers.ts) and
// prints them together at the end of the run, pending parts included.
export default function setup(project: TestProject) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gitway-reliability-')), 'summary.jsonl');
  fs.writeFileSync(file, '');
  project.provide('summaryFile', file);
  return () => {
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { part: string; line: string; ok: boolean });
    const order = ['concurrency', 'crash', 'fuzz', 'load', 'hostile-remote'];
    lines.sort((a, b) => order.indexOf(a.part) - order.indexOf(b.part));
    const out = ['', 'reliability summary', ...lines.map((l) => `  ${l.ok ? 'PASS' : l.line.startsWith('PENDING') ? '----' : 'FAIL'}  ${l.part.padEnd(14)} ${l.line}`)];
    for (const part of order) if (!lines.some((l) => l.part === part)) out.push(`  ----  ${part.padEnd(14)} not run`);
    process.stdout.write(out.join('\n') + '\n\n');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    summaryFile: string;
  }
}
