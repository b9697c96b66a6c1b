import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fsck, git, snapshotDir } from '@gitway/test-utils';
import { gitway, json, EXAMPLES, initDemo } from './helpers.js';

const demoDir = (): string => initDemo('gitway-canary-').dir;

describe('gitway canary, stage diff, deployments, export --format aws', () => {
  it('canary lifecycle end to end, as API Gateway documents it', () => {
    const dir = demoDir();
    const gitdir = path.join(dir, '.gitway');
    const v1 = json(dir, 'deploy', '-m', 'v1', '--stage', 'prod', '--variables', 'backend=http://127.0.0.1:9000');
    fs.copyFileSync(path.join(EXAMPLES, 'v2.yaml'), path.join(dir, 'api.yaml'));

    const before = snapshotDir(gitdir);
    const missing = gitway(dir, 'deploy', '-m', 'v2', '--stage', 'nope', '--canary', '10');
    expect(missing.code).toBe(128);
    expect(missing.stderr).toMatch(/Stage nope must already be created before making a canary release deployment \[InvalidParameterError\]/);
    const badPercent = gitway(dir, 'deploy', '-m', 'v2', '--stage', 'prod', '--canary', '150');
    expect(badPercent.code).toBe(128);
    expect(badPercent.stderr).toMatch(/percentTraffic must be between 0.0 and 100.0/);
    expect(snapshotDir(gitdir)).toEqual(before);

    const v2 = json(dir, 'deploy', '-m', 'v2', '--stage', 'prod', '--canary', '10', '--canary-variables', 'backend=http://127.0.0.1:9001');
    expect(json(dir, 'canary', 'show', 'prod')).toEqual({ deploymentId: v2.id, percentTraffic: 10, stageVariableOverrides: { backend: 'http://127.0.0.1:9001' }, useStageCache: false });
    expect(json(dir, 'stage', 'show', 'prod').deploymentId).toBe(v1.id);
    expect(gitway(dir, 'canary', 'show', 'prod').stdout).toContain(`prod: ${v1.id.slice(0, 10)} 90%, canary ${v2.id.slice(0, 10)} 10%`);

    expect(json(dir, 'canary', 'set', 'prod', '--percent', '25').canarySettings.percentTraffic).toBe(25);
    expect(gitway(dir, 'canary', 'set', 'prod', '--percent', '-5').stderr).toMatch(/percentTraffic/);

    // stage diff between the states before and after the percent change
    const patch = json(dir, 'stage', 'diff', 'prod@{1}', 'prod', '--format', 'aws-patch');
    expect(patch).toEqual({ patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '25' }] });
    const human = gitway(dir, 'stage', 'diff', 'prod@{2}', 'prod');
    expect(human.stdout).toMatch(/^\+ +\/canarySettings\/percentTraffic +25$/m);
    expect(human.stdout).toMatch(/^\+ +\/canarySettings\/stageVariableOverrides\/backend +http:\/\/127.0.0.1:9001$/m);

    const promoted = json(dir, 'canary', 'promote', 'prod');
    expect(promoted).toMatchObject({ deploymentId: v2.id, variables: { backend: 'http://127.0.0.1:9001' }, canarySettings: { deploymentId: v2.id, percentTraffic: 0 } });
    const deleted = json(dir, 'canary', 'delete', 'prod');
    expect(deleted.canarySettings).toBeUndefined();
    expect(gitway(dir, 'canary', 'promote', 'prod').stderr).toMatch(/Promotion not available\. Canary does not exist\. \[InvalidParameterError\]/);

    expect(git(gitdir, 'log', '--first-parent', '--format=%s', 'refs/stages/prod').trim().split('\n').slice(0, 5)).toEqual([
      `delete canary prod: ${v2.id.slice(0, 10)}`,
      `promote canary prod: ${v1.id.slice(0, 10)} -> ${v2.id.slice(0, 10)}`,
      `canary prod: ${v2.id.slice(0, 10)} at 25%`,
      `canary prod: ${v2.id.slice(0, 10)} at 10% (v2)`,
      `create stage prod: ${v1.id.slice(0, 10)} (v1)`,
    ]);

    // an aws-patch file applies to another stage with stage update --patch-file
    json(dir, 'stage', 'create', 'dev', '--deployment', v1.id);
    fs.writeFileSync(path.join(dir, 'p.json'), gitway(dir, 'stage', 'diff', 'dev', 'prod', '--format', 'aws-patch').stdout);
    const dev = json(dir, 'stage', 'update', 'dev', '--patch-file', 'p.json');
    expect(dev).toMatchObject({ deploymentId: v2.id, variables: { backend: 'http://127.0.0.1:9001' } });
    expect(json(dir, 'stage', 'diff', 'dev', 'prod', '--format', 'aws-patch')).toEqual({ patchOperations: [] });
    fsck(gitdir);
  });

  it('deployments list/delete and export --format aws', () => {
    const dir = demoDir();
    const gitdir = path.join(dir, '.gitway');
    const v1 = json(dir, 'deploy', '-m', 'v1', '--stage', 'prod');
    fs.copyFileSync(path.join(EXAMPLES, 'v2.yaml'), path.join(dir, 'api.yaml'));
    const v2 = json(dir, 'deploy', '-m', 'v2', '--stage', 'prod');
    const inUse = gitway(dir, 'deployments', 'delete', v2.id.slice(0, 10));
    expect(inUse.code).toBe(128);
    expect(inUse.stderr).toBe('error: Active stages pointing to this deployment must be moved or deleted [ConflictError]\n');
    expect(gitway(dir, 'deployments', 'delete', v1.id.slice(0, 10)).code).toBe(0);
    expect(json(dir, 'deployments', 'list').items.map((d: { id: string }) => d.id)).toEqual([v2.id]);
    expect(json(dir, 'log').items.map((d: { id: string }) => d.id)).toEqual([v2.id]);
    expect(gitway(dir, 'show', v1.id).stdout).toContain('this deployment was deleted');

    json(dir, 'stage', 'update', 'prod', '--patch', 'op=replace,path=/*/*/throttling/rateLimit,value=100', '--variables', 'backend=http://example.com');
    const out = json(dir, 'export', 'prod', '--format', 'aws', '--stage', 'prod', '--out', 'aws');
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
    expect(gitway(dir, 'export', 'prod', '--format', 'aws', '--out', 'aws2').stdout).toContain('create-deployment --rest-api-id "$REST_API_ID" --cli-input-json file://aws2/create-deployment.json');
    fsck(gitdir);
  });
});
