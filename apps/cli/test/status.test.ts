import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { gitway, json, EXAMPLES, initDemo } from './helpers.js';

describe('gitway status', () => {
  it('shows the branch, undeployed changes and how far each stage lags', async () => {
    const { dir, api } = await initDemo('gitway-cli-status-');
    expect(await json(dir, 'status')).toMatchObject({ branch: 'main', id: null, stages: [] });
    const v1 = await json(dir, 'deploy', '-m', 'v1', '--stage', 'prod');
    expect(await json(dir, 'status')).toEqual({ branch: 'main', id: v1.id, definition: 'api.yaml', undeployedChanges: 0, merge: null, stages: [{ stageName: 'prod', deploymentId: v1.id, behind: 0 }] });
    fs.copyFileSync(path.join(EXAMPLES, 'v2.yaml'), api);
    expect((await json(dir, 'status')).undeployedChanges).toBeGreaterThan(0);
    await json(dir, 'deploy', '-m', 'v2');
    const human = (await gitway(dir, 'status')).stdout;
    expect(human).toContain('On branch main');
    expect(human).toContain('working definition api.yaml matches the branch tip');
    expect(human).toMatch(/prod\s+[0-9a-f]{10}\s+1 deployment\(s\) behind main/);
  });
});
