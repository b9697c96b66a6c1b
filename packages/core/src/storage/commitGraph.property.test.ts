import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { git, tempRepo } from '@gitway/test-utils';
import { repoOf } from './Repo.js';

/** A random history: commit i has up to two parents among commits 0..i-1; dates may tie. */
const history = fc.array(fc.record({ parents: fc.uniqueArray(fc.nat(), { maxLength: 2 }), date: fc.integer({ min: 0, max: 3 }) }), { minLength: 2, maxLength: 9 });

describe('Repo.mergeBase and Repo.isAncestor against native git on random histories', () => {
  it("answers what native git merge-base --all and --is-ancestor answer, on random histories (ties in dates included)", async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.nat(), fc.nat(), async (spec, x, y) => {
        const repo = await tempRepo();
        const tree = execFileSync('git', ['--git-dir', repo.gitdir, 'mktree'], { input: '', encoding: 'utf8' }).trim();
        const oids: string[] = [];
        for (const [i, c] of spec.entries()) {
          const parents = i === 0 ? [] : [...new Set(c.parents.map((p) => p % i))];
          const date = `${1_700_000_000 + c.date} +0000`;
          oids.push(execFileSync('git', ['--git-dir', repo.gitdir, 'commit-tree', tree, '-m', `c${i}`, ...parents.flatMap((p) => ['-p', oids[p]!])], {
            encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@x', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
          }).trim());
        }
        const a = oids[x % oids.length]!;
        const b = oids[y % oids.length]!;
        let native: string[] = [];
        try {
          native = git(repo.gitdir, 'merge-base', '--all', a, b).trim().split('\n').filter(Boolean);
        } catch {
          native = []; // unrelated histories: git exits 1
        }
        expect([...(await repoOf({ fs, gitdir: repo.gitdir, cache: {} }).mergeBase(a, b))].sort()).toEqual(native.sort());
        let ancestor = true;
        try {
          git(repo.gitdir, 'merge-base', '--is-ancestor', a, b);
        } catch {
          ancestor = false;
        }
        expect(await repoOf({ fs, gitdir: repo.gitdir, cache: {} }).isAncestor(a, b)).toBe(ancestor);
      }),
      { numRuns: 40 },
    );
  });
});
