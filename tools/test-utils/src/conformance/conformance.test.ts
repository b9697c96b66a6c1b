import { describe, expect, it } from 'vitest';
import { tempRepo } from '../index.js';
import { compareRecorded, coreOperations, formatReport, runConformance } from './index.js';

describe('conformance: API Gateway answers recorded on real AWS (stages, deployments, canary)', () => {
  it('every recorded answer matches, except the listed by-design differences', async () => {
    const report = await runConformance(async () => coreOperations(await tempRepo()));
    console.log(formatReport(report));
    expect(report.results.filter((r) => r.status === 'mismatched' || r.status === 'stale').map((r) => `${r.test} ${r.key}: ${r.differences.join('; ')}`)).toEqual([]);
    expect(report.total).toBe(88);
    expect(report.results.filter((r) => r.status === 'matched').length + report.results.filter((r) => r.status === 'listed').length).toBe(88);
  });
});

describe('compareRecorded (placeholder rules)', () => {
  it('binds a placeholder to the first value and needs the same value after, a different one for another placeholder', () => {
    const b = new Map<string, unknown>();
    expect(compareRecorded({ id: '<deployment-id:1>' }, { id: 'a' }, b)).toEqual([]);
    expect(compareRecorded({ deploymentId: '<deployment-id:1>' }, { deploymentId: 'b' }, b)).toEqual(['$.deploymentId: expected <deployment-id:1> (= a), got "b"']);
    expect(compareRecorded({ id: '<deployment-id:2>' }, { id: 'a' }, b)).toEqual(['$.id: expected <deployment-id:2>, a value other than <deployment-id:1>, got <deployment-id:1>\'s "a"']);
  });
  it('ignores ResponseMetadata, takes any ISO date for "datetime", reports missing and extra keys', () => {
    expect(compareRecorded({ createdDate: 'datetime', ResponseMetadata: { HTTPStatusCode: 200 } }, { createdDate: '2026-01-01T00:00:01.000Z' })).toEqual([]);
    expect(compareRecorded({ createdDate: 'datetime' }, { createdDate: 'yesterday' })).toEqual(['$.createdDate: expected a datetime, got "yesterday"']);
    expect(compareRecorded({ a: 1, methodSettings: {} }, { a: 1.0, description: '' })).toEqual(['$.methodSettings: missing (expected {})', '$.description: not in the recorded answer (got "")']);
  });
  it('compares a recorded error by exception type and exact message', () => {
    const rec = { Error: { Code: 'BadRequestException', Message: 'No' }, message: 'No' };
    expect(compareRecorded(rec, { error: { type: 'BadRequestException', message: 'No' } })).toEqual([]);
    expect(compareRecorded(rec, { error: { type: 'NotFoundException', message: 'No!' } })).toEqual(['$.Error.Code: expected BadRequestException, got NotFoundException', '$.Error.Message: expected "No", got "No!"']);
    expect(compareRecorded(rec, { id: 'x' })).toEqual(['$: expected the error {"Code":"BadRequestException","Message":"No"}, got an answer {"id":"x"}']);
  });
});
