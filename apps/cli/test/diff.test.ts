import { describe, expect, it, onTestFinished } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createPreviewServer, storeLoader } from '@gitway/preview';
import { gitway, json, EXAMPLES, initDemo } from './helpers.js';

describe('gitway diff', () => {
  it('working definition vs tip, revisions, and every output form', async () => {
    const { dir, api } = await initDemo('gitway-cli-diff-');
    await json(dir, 'deploy', '-m', 'v1', '--stage', 'prod');
    expect(await gitway(dir, 'diff', '--exit-code')).toMatchObject({ code: 0, stdout: '' });

    fs.writeFileSync(api, fs.readFileSync(api, 'utf8').replace('/{proxy}"', '/v2/{proxy}"'));
    const d = await json(dir, 'diff');
    expect(d.changes).toEqual([expect.objectContaining({ kind: 'changed', path: 'ANY /{proxy+}', field: 'integration.uri', breaking: false })]);
    const human = await gitway(dir, 'diff', '--exit-code');
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('~ ANY /{proxy+}  integration.uri: ${stageVariables.backend}/{proxy} -> ${stageVariables.backend}/v2/{proxy}');
    expect((await gitway(dir, 'diff', '--name-only')).stdout.trim()).toBe('ANY /{proxy+}');
    expect((await gitway(dir, 'diff', '--stat')).stdout).toContain('ANY /{proxy+} | 1 change');
    expect((await gitway(dir, 'diff', '--markdown')).stdout).toContain('| changed | `ANY /{proxy+}` | `integration.uri` |');
    const text = (await gitway(dir, 'diff', '--text')).stdout;
    expect(text).toMatch(/^-.*\$\{stageVariables.backend\}\/\{proxy\}/m);
    expect(text).toMatch(/^\+.*\$\{stageVariables.backend\}\/v2\/\{proxy\}/m);
    expect((await gitway(dir, 'diff', '--breaking', '--exit-code')).code).toBe(0);

    fs.copyFileSync(path.join(EXAMPLES, 'v2.yaml'), api);
    await json(dir, 'deploy', '-m', 'v2');
    const between = await json(dir, 'diff', 'prod', 'main');
    expect(between.changes.length).toBeGreaterThan(0);
    expect((await json(dir, 'diff', 'main~1', 'prod')).changes).toEqual([]);
    expect((await gitway(dir, 'diff', 'prod', 'main', '--stat', '--text')).code).toBe(2);
  });

  it('--text prints the same unified diff the dashboard shows (one renderer: core renderTextDiff)', async () => {
    const { dir, gitdir, api } = await initDemo('gitway-cli-difftext-');
    await json(dir, 'deploy', '-m', 'v1', '--stage', 'prod');
    fs.copyFileSync(path.join(EXAMPLES, 'v2.yaml'), api);
    await json(dir, 'deploy', '-m', 'v2');
    const server = await createPreviewServer({ loadStage: storeLoader({ gitdir }), repo: { fs, gitdir }, port: 0 });
    onTestFinished(() => new Promise<void>((r) => server.close(() => r())));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/_gitway/api/diff?from=prod&to=main`);
    const dashboard = ((await res.json()) as { text: string }).text;
    const cli = (await gitway(dir, 'diff', 'prod', 'main', '--text')).stdout;
    expect(dashboard).toMatch(/^--- a\/prod\t[0-9a-f]{10}\n\+\+\+ b\/main\t[0-9a-f]{10}\n@@ /);
    expect(cli).toBe(dashboard.endsWith('\n') ? dashboard : dashboard + '\n');
  });
});
