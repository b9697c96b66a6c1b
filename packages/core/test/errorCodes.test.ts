import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { AWS_ERROR_TYPES, ERROR_CODES, Errors, errorCodeInfo, GitwayError, deploy, createBranch, startMerge, continueMerge } from '@gitway/core';
import { updateRef } from '../src/storage/refs.js';
import { git, sampleApi, snapshotDir, tempRepo } from '@gitway/test-utils';

const AWS_STATUS: Record<string, number> = { BadRequestException: 400, NotFoundException: 404, ConflictException: 409 };

describe('ERROR_CODES: one table from error code to exit code, HTTP status and API Gateway type', () => {
  it('has an entry for every error class core exports, and nothing else', () => {
    const codes = Object.values(Errors)
      .filter((c): c is typeof GitwayError => typeof c === 'function' && c.prototype instanceof GitwayError)
      .map((c) => c.code)
      .sort();
    expect(codes).toContain('RefMovedError');
    expect(Object.keys(ERROR_CODES).sort()).toEqual(codes);
  });

  it('an API Gateway type comes with the status API Gateway sends with it; AWS_ERROR_TYPES is that column', () => {
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      if (info.awsType) expect([code, info.httpStatus]).toEqual([code, AWS_STATUS[info.awsType]]);
      expect(AWS_ERROR_TYPES[code]).toBe(info.awsType);
    }
    expect(ERROR_CODES.MergeConflictError).toEqual({ exitCode: 1, httpStatus: 409, awsType: 'ConflictException' });
    expect(errorCodeInfo('NotFoundError')).toEqual({ exitCode: 128, httpStatus: 404, awsType: 'NotFoundException' });
    expect([errorCodeInfo('toString'), errorCodeInfo(undefined), errorCodeInfo(42)]).toEqual([undefined, undefined, undefined]);
  });
});

describe('RefMovedError (branches) and StageMovedError (stages)', () => {
  it('a lost compare-and-swap on a branch is RefMovedError, on a stage StageMovedError (a RefMovedError too); nothing written', async () => {
    const repo = await tempRepo();
    const v1 = await deploy({ ...repo, api: sampleApi('v1'), stageName: 'prod' });
    const before = snapshotDir(repo.gitdir);
    const branch = await updateRef(repo, 'refs/heads/main', v1.id, '0'.repeat(40)).catch((e) => e);
    expect([branch.code, branch instanceof Errors.RefMovedError, branch instanceof Errors.StageMovedError]).toEqual(['RefMovedError', true, false]);
    expect(branch.data).toMatchObject({ ref: 'refs/heads/main', expected: '0'.repeat(40), actual: v1.id, awsType: 'ConflictException' });
    const stage = await updateRef(repo, 'refs/stages/prod', v1.id, null).catch((e) => e);
    expect([stage.code, stage instanceof Errors.RefMovedError]).toEqual(['StageMovedError', true]);
    expect(snapshotDir(repo.gitdir)).toEqual(before);
  });

  it('merge --continue on a branch that moved meanwhile: RefMovedError, the branch keeps its new tip', async () => {
    const repo = await tempRepo();
    const base = await deploy({ ...repo, api: sampleApi('v1'), description: 'base' });
    await createBranch({ ...repo, name: 'private' });
    const named = (name: string) => ({ ...sampleApi('v1'), restApi: { name, version: 'v1' } });
    await deploy({ ...repo, api: named('theirs'), branch: 'private' });
    const ours = named('ours');
    await deploy({ ...repo, api: ours });
    const conflict = await startMerge({ ...repo, theirs: 'private' }).catch((e) => e);
    expect(conflict.code).toBe('MergeConflictError');
    git(repo.gitdir, 'update-ref', 'refs/heads/main', base.id);
    const err = await continueMerge({ ...repo, api: ours }).catch((e) => e);
    expect([err.code, err.data.ref]).toEqual(['RefMovedError', 'refs/heads/main']);
    expect(git(repo.gitdir, 'rev-parse', 'refs/heads/main').trim()).toBe(base.id);
    expect(fs.existsSync(path.join(repo.gitdir, 'MERGE_HEAD'))).toBe(true);
  });
});
