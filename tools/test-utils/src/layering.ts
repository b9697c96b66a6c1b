// The layering rules of docs/DESIGN.md, checked on the source text: core knows nothing of
// HTTP serving or terminals; runtime knows nothing of git. Used by layering.test.ts on the
// repository (and on a copy with a planted bad import, to show the check can fail).
import fs from 'node:fs';
import path from 'node:path';

/** One import (or use) that breaks a layering rule. */
export interface LayeringProblem {
  /** The file, relative to the root, and the 1-based line. */
  file: string;
  line: number;
  /** What it imports or uses, and the rule it breaks. */
  what: string;
  rule: string;
}

interface Rule {
  /** Source folder (relative to the root) the rule applies to. */
  dir: string;
  rule: string;
  /** A module specifier this layer may not import (type-only imports included unless `valuesOnly`). */
  forbids: (spec: string, typeOnly: boolean) => boolean;
  /** Code this layer may not use (regular expression on the line). */
  uses?: RegExp;
  /** Files (relative to `dir`) allowed to break the rule, each with the reason. */
  allow?: Record<string, string>;
}

const TERMINAL = new Set(['chalk', 'picocolors', 'cli-progress', 'ora', 'kleur', 'colorette']);
const NET = new Set(['node:http', 'node:https', 'node:net', 'http', 'https', 'net', 'node:http2', 'http2']);
const GIT = new Set(['isomorphic-git', 'simple-git', 'nodegit']);

export const LAYERING_RULES: readonly Rule[] = [
  {
    dir: 'packages/core/src',
    rule: 'core knows nothing of HTTP serving, sockets or terminals',
    forbids: (spec) => NET.has(spec) || TERMINAL.has(spec) || spec.startsWith('@gitway/preview') || spec.startsWith('@gitway/runtime') || spec === 'gitway',
    uses: /\bprocess\.(stdout|stderr|stdin)\b/,
    allow: {
      // The smart-HTTP *client* of git remotes (isomorphic-git's injectable `http` option),
      // loaded lazily and only when no client is injected; it serves nothing.
      'remote/nodeHttpClient.ts': 'default git smart-HTTP client (injectable), not a server',
    },
  },
  {
    dir: 'packages/runtime/src',
    rule: 'runtime knows nothing of git (core only as types, or its pure @gitway/core/model)',
    forbids: (spec, typeOnly) =>
      GIT.has(spec) || spec.startsWith('isomorphic-git/') || (spec.startsWith('@gitway/core') && spec !== '@gitway/core/model' && !typeOnly) || /\/core\/src\//.test(spec),
  },
];

const IMPORT = /(?:^|[;\s])(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map(String)
    .filter((f) => /\.(ts|mts|js|mjs)$/.test(f) && !f.endsWith('.d.ts') && !/\.test\.|(^|\/)test\//.test(f))
    .sort();
}

/**
 * Every import or use under `root` that breaks a layering rule (empty when the layers are clean).
 *
 * @example
 * expect(layeringProblems(repoRoot)).toEqual([]);
 */
export function layeringProblems(root: string, rules: readonly Rule[] = LAYERING_RULES): LayeringProblem[] {
  const out: LayeringProblem[] = [];
  for (const r of rules) {
    for (const f of sourceFiles(path.join(root, r.dir))) {
      if (r.allow && Object.hasOwn(r.allow, f)) continue;
      const file = `${r.dir}/${f}`;
      const lines = fs.readFileSync(path.join(root, r.dir, f), 'utf8').split('\n');
      lines.forEach((text, i) => {
        const code = text.replace(/\/\/.*$/, '');
        if (/^\s*\*/.test(code)) return; // JSDoc lines
        for (const m of code.matchAll(IMPORT)) {
          const spec = m[3] ?? m[4] ?? m[5]!;
          const typeOnly = Boolean(m[2]);
          if (r.forbids(spec, typeOnly)) out.push({ file, line: i + 1, what: `imports '${spec}'`, rule: r.rule });
        }
        const use = r.uses && code.match(r.uses);
        if (use) out.push({ file, line: i + 1, what: `uses ${use[0]}`, rule: r.rule });
      });
    }
  }
  return out;
}
