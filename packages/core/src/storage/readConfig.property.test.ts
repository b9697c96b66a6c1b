import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import git from 'isomorphic-git';
import { tempDir, tempRepo } from '@gitway/test-utils';
import { configValue, readConfigValue } from './readConfig.js';

// Pieces of config lines, chosen to hit the rules: case of names, subsections with dots and
// escapes, quotes, comments, escapes in values, keys without '=', junk lines.
const sectionName = fc.constantFrom('gitway', 'GitWay', 'user', 'remote', 'core', 'a.b', 'x-y');
const subsection = fc.option(fc.constantFrom('', 'origin', 'Origin', 'o.r', 'we\\"ird', 'back\\\\slash', 'sp ace'), { nil: undefined });
const keyName = fc.constantFrom('definition', 'Definition', 'url', 'name', 'email', 'restApiId', 'restapiid', 'k-1');
const rawValue = fc.constantFrom('api.yaml', ' spaced  out ', '"quoted # not comment"', 'x # comment', 'y ; comment', 'a\\tb\\nc', 'bad\\qescape', '"open', '', '"a"b"c"', 'v\\"q');
const line = fc.oneof(
  fc.tuple(sectionName, subsection, fc.constantFrom('', ' # c', ' ;c', 'junk')).map(([s, sub, tail]) => `[${s}${sub === undefined ? '' : ` "${sub}"`}]${tail}`),
  fc.tuple(fc.constantFrom('', '\t', '  '), keyName, fc.constantFrom(' = ', '=', ' =', '\t=\t'), rawValue).map(([indent, k, eq, v]) => `${indent}${k}${eq}${v}`),
  keyName.map((k) => `\t${k}`),
  fc.constantFrom('# comment', '; comment', '', '[broken', '9bad = x', '\r'),
);
const configText = fc.array(line, { maxLength: 14 }).map((lines) => lines.join('\n'));
const wanted = fc.tuple(sectionName, subsection, keyName).map(([s, sub, k]) => (sub === undefined ? `${s}.${k}` : `${s}.${sub}.${k}`));

describe('readConfigValue: the same answers as isomorphic-git getConfig (the reader it replaces)', () => {
  it('random config files and keys give the same value (core.* excepted: isomorphic-git types those)', async () => {
    const gitdir = tempDir('gitway-config-');
    await fc.assert(
      fc.asyncProperty(configText, wanted, async (text, key) => {
        fc.pre(!key.toLowerCase().startsWith('core.'));
        fs.writeFileSync(path.join(gitdir, 'config'), text);
        const theirs = await git.getConfig({ fs, gitdir, path: key });
        expect(configValue(text, key)).toBe(theirs);
        expect(await readConfigValue({ fs, gitdir }, key)).toBe(theirs);
      }),
      { numRuns: 400 },
    );
  });

  it('reads what gitway init and isomorphic-git setConfig wrote; a missing file or key is undefined', async () => {
    const repo = await tempRepo();
    await git.setConfig({ fs, gitdir: repo.gitdir, path: 'remote.origin.url', value: 'https://example.com/a b#c.git' });
    expect(await readConfigValue(repo, 'gitway.definition')).toBe('api.yaml');
    expect(await readConfigValue(repo, 'remote.origin.url')).toBe('https://example.com/a b#c.git');
    expect(await readConfigValue(repo, 'remote.Origin.url')).toBe(undefined);
    expect(await readConfigValue(repo, 'user.name')).toBe(undefined);
    expect(await readConfigValue({ fs, gitdir: path.join(repo.dir, 'nope') }, 'gitway.definition')).toBe(undefined);
  });
});
