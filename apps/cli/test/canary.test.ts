import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fsck, git, snapshotDir } from '@gitway/test-utils';
import { gitway, json, EXAMPLES, initDemo } from './helpers.js';

const demoDir = async (): Promise<string> => (await initDemo('gitway-canary-')).dir;

describe('gitway canary, stage diff, deployments, export --format aws', () => {
  it('canary lifecycle end to end, as API Gateway documents it', async () => {
    const dir = await demoDir();
    const gitdir = path.join(dir, '.gitway');
    const v1 = await json(dir, 'deploy', '-m', 'v1', '--stage', 'prod', '--variables', 'backend=http://127.0.0.1:9000');
    fs.copyFileSync(path.join(EXAMPLES, 'v2.yaml'), path.join(dir, 'api.yaml'));

    const before = snapshotDir(gitdir);
    const missing = await gitway(dir, 'deploy', '-m', 'v2', '--stage', 'nope', '--canary', '10');
    expect(missing.code).toBe(128);
    expect(missing.stderr).toMatch(/Stage nope must already be created before making a canary release deployment \[InvalidParameterError\]/);
    const badPercent = await gitway(dir, 'deploy', '-m', 'v2', '--stage', 'prod', '--canary', '150');
    expect(badPercent.code).toBe(128);
    expect(badPercent.stderr).toMatch(/percentTraffic must be between 0.0 and 100.0/);
    expect(snapshotDir(gitdir)).toEqual(before);

    const v2 = await json(dir, 'deploy', '-m', 'v2', '--stage', 'prod', '--canary', '10', '--canary-variables', 'backend=http://127.0.0.1:9001');
    expect(await json(dir, 'canary', 'show', 'prod')).toEqual({ deploymentId: v2.id, percentTraffic: 10, stageVariableOverrides: { backend: 'http://127.0.0.1:9001' }, useStageCache: false });
    expect((await json(dir, 'stage', 'show', 'prod')).deploymentId).toBe(v1.id);
    expect((await gitway(dir, 'canary', 'show', 'prod')).stdout).toContain(`prod: ${v1.id.slice(0, 10)} 90%, canary ${v2.id.slice(0, 10)} 10%`);

    expect((await json(dir, 'canary', 'set', 'prod', '--percent', '25')).canarySettings.percentTraffic).toBe(25);
    expect((await gitway(dir, 'canary', 'set', 'prod', '--percent', '-5')).stderr).toMatch(/percentTraffic/);

    // stage diff between the states before and after the percent change
    const patch = await json(dir, 'stage', 'diff', 'prod@{1}', 'prod', '--format', 'aws-patch');
    expect(patch).toEqual({ patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '25' }] });
    const human = await gitway(dir, 'stage', 'diff', 'prod@{2}', 'prod');
    expect(human.stdout).toMatch(/^\+ +\/canarySettings\/percentTraffic +25$/m);
    expect(human.stdout).toMatch(/^\+ +\/canarySettings\/stageVariableOverrides\/backend +http:\/\/127.0.0.1:9001$/m);

    const promoted = await json(dir, 'canary', 'promote', 'prod');
    expect(promoted).toMatchObject({ deploymentId: v2.id, variables: { backend: 'http://127.0.0.1:9001' }, canarySettings: { deploymentId: v2.id, percentTraffic: 0 } });
    const deleted = await json(dir, 'canary', 'delete', 'prod');
    expect(deleted.canarySettings).toBeUndefined();
    expect((await gitway(dir, 'canary', 'promote', 'prod')).stderr).toMatch(/Promotion not available\. Canary does not exist\. \[InvalidParameterError\]/);

    expect(git(gitdir, 'log', '--first-parent', '--format=%s', 'refs/stages/prod').trim().split('\n').slice(0, 5)).toEqual([
      `delete canary prod: ${v2.id.slice(0, 10)}`,
      `promote canary prod: ${v1.id.slice(0, 10)} -> ${v2.id.slice(0, 10)}`,
      `canary prod: ${v2.id.slice(0, 10)} at 25%`,
      `canary prod: ${v2.id.slice(0, 10)} at 10% (v2)`,
      `create stage prod: ${v1.id.slice(0, 10)} (v1)`,
    ]);

    // an aws-patch file applies to another stage with stage update --patch-file
    await json(dir, 'stage', 'create', 'dev', '--deployment', v1.id);
    fs.writeFileSync(path.join(dir, 'p.json'), (await gitway(dir, 'stage', 'diff', 'dev', 'prod', '--format', 'aws-patch')).stdout);
    const dev = await json(dir, 'stage', 'update', 'dev', '--patch-file', 'p.json');
    expect(dev).toMatchObject({ deploymentId: v2.id, variables: { backend: 'http://127.0.0.1:9001' } });
    expect(await json(dir, 'stage', 'diff', 'dev', 'prod', '--format', 'aws-patch')).toEqual({ patchOperations: [] });
    fsck(gitdir);
  });

  it('deployments list/delete and export --format aws', async () => {
    const dir = await demoDir();
    const gitdir = path.join(dir, '.gitway');
    const v1 = await json(dir, 'deploy', '-m', 'v1', '--stage', 'prod');
    fs.copyFileSync(path.join(EXAMPLES, 'v2.yaml'), path.join(dir, 'api.yaml'));
    const v2 = await json(dir, 'deploy', '-m', 'v2', '--stage', 'prod');
    const inUse = await gitway(dir, 'deployments', 'delete', v2.id.slice(0, 10));
    expect(inUse.code).toBe(128);
    expect(inUse.stderr).toBe('error: Active stages pointing to this deployment must be moved or deleted [ConflictError]\n');
    expect((await gitway(dir, 'deployments', 'delete', v1.id.slice(0, 10))).code).toBe(0);
    expect((await json(dir, 'deployments', 'list')).items.map((d: { id: string }) => d.id)).toEqual([v2.id]);
    expect((await json(dir, 'log')).items.map((d: { id: string }) => d.id)).toEqual([v2.id]);
    expect((await gitway(dir, 'show', v1.id)).stdout).toContain('this deployment was deleted');

    await json(dir, 'stage', 'update', 'prod', '--patch', 'op=replace,path=/*/*/throttling/rateLimit,value=100', '--variables', 'backend=http://example.com');
    const out = await json(dir, 'export', 'prod', '--format', 'aws', '--stage', 'prod', '--out', 'aws');
    expect(out.files).toEqual(['api.json', 'create-deployment.json', 'update-stage.json']);
    expect(out.commands[0]).toBe('aws apigateway put-rest-api --rest-api-id "$REST_API_ID" --mode overwrite --body fileb://aws/api.json');
    const api = JSON.parse(fs.readFileSync(path.join(dir, 'aws', 'api.json'), 'utf8'));
    expect(api.openapi).toMatch(/^3\.0/);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'aws', 'create-deployment.json'), 'utf8'))).toEqual({ description: 'v2', stageName: 'prod' });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'aws', 'update-stage.json'), 'utf8'))).toEqual({
      stageName: 'prod',
      patchOperations: [
        { op: 'replace', path: '/variables/backend', value: 'http://example.com' },
        { op: 'replace', path: '/*/*/throttling/rateLimit', value: '100' },
      ],
    });
    expect((await gitway(dir, 'export', 'prod', '--format', 'aws', '--out', 'aws2')).stdout).toContain('create-deployment --rest-api-id "$REST_API_ID" --cli-input-json file://aws2/create-deployment.json');
    fsck(gitdir);
  });
});
