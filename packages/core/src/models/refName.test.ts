import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { refNameProblem } from './refName.js';
import { branchNameProblem, stageNameProblem } from './names.js';
import { remoteRefProblem } from '../remote/syncedRefs.js';

// Names checked against native `git check-ref-format`: our validator must agree on every one.
const NAMES = [
  'refs/heads/main', 'refs/heads/feature/x', 'refs/stages/prod', 'refs/heads/é', 'refs/heads/a@b', 'refs/heads/@',
  'refs/heads/a.b', 'refs/heads/a-b_c', 'refs/heads/UPPER', 'refs/heads/x.lockx', 'refs/heads/lock', 'refs/heads/-dash',
  'refs/heads/a..b', 'refs/heads/..', 'refs/heads/../../../etc/passwd', 'refs/heads/.hidden', 'refs/heads/a/.b', 'refs/heads/x.lock',
  'refs/heads/a.lock/b', 'refs/heads/a b', 'refs/heads/a\tb', 'refs/heads/ctl\x01', 'refs/heads/del\x7f', 'refs/heads/a~1',
  'refs/heads/a^', 'refs/heads/a:b', 'refs/heads/a?', 'refs/heads/a*', 'refs/heads/a[b', 'refs/heads/a\\b', 'refs/heads//x',
  'refs/heads/x/', '/refs/heads/x', 'refs/heads/x.', 'refs/heads/a@{1}', 'refs/heads/@{', '@', 'HEAD', 'main', 'refs/heads/',
  'refs/stages/HEAD', 'refs/heads/a/./b', 'refs/heads/a/../b', 'refs/heads/%00', 'refs/heads/a.', 'refs/heads/.', 'refs/heads/{x}',
  'refs/heads/a$b', 'refs/heads/a!b', "refs/heads/a'b", 'refs/heads/a"b', 'refs/heads/a#b', 'refs/heads/a,b', 'refs/heads/a;b',
];

function nativeAccepts(name: string): boolean {
  return spawnSync('git', ['check-ref-format', name], { encoding: 'utf8' }).status === 0;
}

describe('refNameProblem agrees with native git check-ref-format', () => {
  it.each(NAMES.filter((n) => !n.includes('\0')))('%j', (name) => {
    expect(refNameProblem(name) === null).toBe(nativeAccepts(name));
  });

  it('refuses NUL, which no argv can carry to git', () => {
    expect(refNameProblem('refs/heads/a\0b')).toBe('contains a control character or space');
  });
});

describe("gitway's own rules on top", () => {
  it('stages: API Gateway characters, not HEAD or _gitway; hex-looking names stay valid', () => {
    expect([stageNameProblem('prod'), stageNameProblem('beef'), stageNameProblem('2024'), stageNameProblem('a-b_C')]).toEqual([null, null, null, null]);
    expect(stageNameProblem('HEAD')).toBe("'HEAD' is reserved by gitway");
    expect(stageNameProblem('_gitway')).toBe("'_gitway' is reserved by gitway");
    expect(stageNameProblem('a.b')).toBe('use 1-128 characters from A-Z a-z 0-9 _ -');
    expect(stageNameProblem('x'.repeat(129))).toBe('use 1-128 characters from A-Z a-z 0-9 _ -');
  });

  it('branches: check-ref-format plus no leading dash, not HEAD or @, components that fit a file name', () => {
    expect(branchNameProblem('feature/x')).toBe(null);
    expect(branchNameProblem('-x')).toBe("starts with '-'");
    expect(branchNameProblem('HEAD')).toBe("'HEAD' is reserved (it means HEAD)");
    expect(branchNameProblem('x'.repeat(300))).toBe('has a component longer than 250 bytes');
    expect(branchNameProblem('x'.repeat(250))).toBe(null);
  });

  it('remote refs: branches and stages by their rules, other refs by check-ref-format only', () => {
    expect(remoteRefProblem('refs/stages/prod')).toBe(null);
    expect(remoteRefProblem('refs/stages/a.b')).toBe('use 1-128 characters from A-Z a-z 0-9 _ -');
    expect(remoteRefProblem('refs/heads/../x')).toBe("contains '..'");
    expect(remoteRefProblem('refs/tags/v1')).toBe(null);
  });
});
