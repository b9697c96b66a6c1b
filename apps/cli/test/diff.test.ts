import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { gitway, json, EXAMPLES, initDemo } from './helpers.js';

describe('gitway diff', () => {
  it('working definition vs tip, revisions, and every output form', () => {
    const { dir, api } = initDemo('gitway-cli-diff-');
    json(dir, 'deploy', '-m', 'v1', '--stage', 'prod');
    expect(gitway(dir, 'diff', '--exit-code')).toMatchObject({ code: 0, stdout: '' });

    fs.writeFileSync(api, fs.readFileSync(api, 'utf8').replace('/{proxy}"', '/v2/{proxy}"'));
    const d = json(dir, 'diff');
    expect(d.changes).toEqual([expect.objectContaining({ kind: 'changed', path: 'ANY /{proxy+}', field: 'integration.uri', breaking: false })]);
    const human = gitway(dir, 'diff', '--exit-code');
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('~ ANY /{proxy+}  integration.uri: ${stageVariables.backend}/{proxy} -> ${stageVariables.backend}/v2/{proxy}');
    expect(gitway(dir, 'diff', '--name-only').stdout.trim()).toBe('ANY /{proxy+}');
    expect(gitway(dir, 'diff', '--stat').stdout).toContain('ANY /{proxy+} | 1 change');
    expect(gitway(dir, 'diff', '--markdown').stdout).toContain('| changed | `ANY /{proxy+}` | `integration.uri` |');
    const text = gitway(dir, 'diff', '--text').stdout;
    expect(text).toMatch(/^-.*\$\{stageVariables.backend\}\/\{proxy\}/m);
    expect(text).toMatch(/^\+.*\$\{stageVariables.backend\}\/v2\/\{proxy\}/m);
    expect(gitway(dir, 'diff', '--breaking', '--exit-code').code).toBe(0);

    fs.copyFileSync(path.join(EXAMPLES, 'v2.yaml'), api);
    json(dir, 'deploy', '-m', 'v2');
    const between = json(dir, 'diff', 'prod', 'main');
    expect(between.changes.length).toBeGreaterThan(0);
    expect(json(dir, 'diff', 'main~1', 'prod').changes).toEqual([]);
    expect(gitway(dir, 'diff', 'prod', 'main', '--stat', '--text').code).toBe(2);
  });
});
