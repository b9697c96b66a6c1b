import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotDir } from '@gitway/test-utils';
import { gitway, initDemo, json } from './helpers.js';

describe('CLI: API Gateway stage features and wording', () => {
  it('--json errors carry the AWS exception type (mismatch 9)', () => {
    const { dir } = initDemo();
    json(dir, 'deploy', '--stage', 'prod');
    const r = gitway(dir, 'stage', 'update', 'prod', '--patch', 'op=remove,path=/*/*', '--json');
    expect(r.code).toBe(128);
    expect(JSON.parse(r.stdout)).toEqual({
      message: 'Cannot remove method setting */* because there is no method setting for this method ',
      code: 'InvalidParameterError',
      awsType: 'BadRequestException',
    });
    expect(r.stderr).toBe('error: Cannot remove method setting */* because there is no method setting for this method  [InvalidParameterError]\n');
    expect(JSON.parse(gitway(dir, 'stage', 'show', 'nope', '--json').stdout)).toMatchObject({ code: 'NotFoundError', awsType: 'NotFoundException' });
  });

  it('--variable carries commas; create-time options on stage create and deploy --stage (mismatches 7, 10, 12)', () => {
    const { dir } = initDemo();
    const d1 = json(dir, 'deploy', '--stage', 'prod', '--stage-description', 'production', '--tags', 'team=pets', '--tracing', '--cache-cluster-size', '0.5', '--documentation-version', 'v1', '--variable', 'hosts=a.example,b.example');
    expect(Object.keys(d1).sort()).toEqual(['createdDate', 'id']); // no description key without -m
    expect(json(dir, 'stage', 'show', 'prod')).toMatchObject({
      deploymentId: d1.id,
      description: 'production',
      tags: { team: 'pets' },
      tracingEnabled: true,
      cacheClusterEnabled: true,
      cacheClusterSize: '0.5',
      cacheClusterStatus: 'AVAILABLE',
      documentationVersion: 'v1',
      variables: { hosts: 'a.example,b.example' },
      methodSettings: {},
    });
    const beta = json(dir, 'stage', 'create', 'beta', '-d', 'main', '--variable', 'list=x,y', '--variable', 'q=a=b', '--canary', '10', '--canary-variables', 'list=z');
    expect(beta).toMatchObject({ variables: { list: 'x,y', q: 'a=b' }, canarySettings: { deploymentId: d1.id, percentTraffic: 10, stageVariableOverrides: { list: 'z' }, useStageCache: false } });
    expect(json(dir, 'stage', 'update', 'beta', '--variable', 'list=1,2,3').variables).toEqual({ list: '1,2,3', q: 'a=b' });
    const r = gitway(dir, 'deploy', '--tags', 'a=b');
    expect([r.code, r.stderr]).toEqual([128, 'error: --stage-description, --cache-cluster-size, --tracing, --tags and --documentation-version need --stage NAME [InvalidParameterError]\n']);
  });

  it('stage tag/untag/tags, flush-cache, list --deployment, deployments update', () => {
    const { dir } = initDemo();
    const d1 = json(dir, 'deploy', '--stage', 'prod', '-m', 'v1');
    expect(json(dir, 'stage', 'tag', 'prod', 'team=payments', 'cost=api')).toEqual({ tags: { team: 'payments', cost: 'api' } });
    expect(json(dir, 'stage', 'untag', 'prod', 'cost')).toEqual({ tags: { team: 'payments' } });
    expect(gitway(dir, 'stage', 'tags', 'prod').stdout).toBe('team=payments\n');
    expect(gitway(dir, 'stage', 'flush-cache', 'prod').code).toBe(0);
    expect(gitway(dir, 'stage', 'flush-cache', 'prod', '--authorizers').code).toBe(0);
    const history = json(dir, 'stage', 'history', 'prod').items.map((h: { message: string }) => h.message);
    expect(history.slice(0, 2)).toEqual(['flush authorizers cache prod', 'flush cache prod']);
    json(dir, 'stage', 'create', 'dev', '-d', 'main');
    json(dir, 'deploy', '--allow-empty', '--stage', 'dev', '-m', 'v1 again');
    expect(json(dir, 'stage', 'list', '--deployment', d1.id.slice(0, 10)).item.map((s: { stageName: string }) => s.stageName)).toEqual(['prod']);
    expect(json(dir, 'deployments', 'update', d1.id.slice(0, 10), '--description', 'v1, reviewed')).toEqual({ id: d1.id, description: 'v1, reviewed', createdDate: d1.createdDate });
    expect(gitway(dir, "log", "--oneline").stdout).toContain(`${d1.id.slice(0, 10)} (stage:prod) v1, reviewed`);
  });

  it('deploy refuses what API Gateway refuses, naming file:line, and writes nothing', () => {
    const { dir, gitdir, api } = initDemo();
    fs.writeFileSync(api, ['openapi: 3.0.1', 'info: { title: "${title}", version: "1" }', 'paths:', '  /pets:', '    get:', '      responses: {}', ''].join('\n'));
    const before = snapshotDir(gitdir);
    const r = gitway(dir, 'deploy', '--stage', 'prod');
    expect(r.code).toBe(128);
    expect(r.stderr).toBe('error: api.yaml:2:16: #/info/title: unresolved template placeholder ${title}: substitute it before deploying (and 1 more) [InvalidDefinitionError]\n');
    expect(snapshotDir(gitdir)).toEqual(before);
  });
});
