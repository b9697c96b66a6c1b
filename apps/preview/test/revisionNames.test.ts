import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario, type Scenario } from './fixture.js';

// Revisions from a URL are validated as ref names in core: no file outside the repository is
// read, a NUL is a 400 (not a 500), and no answer names the repository's absolute path.
let s: Scenario;
let secret: string;

beforeAll(async () => {
  s = await scenario();
  // A file outside the repository whose content looks like a ref: it must never be read.
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'gitway-outside-'));
  secret = path.join(outside, 'secret');
  fs.writeFileSync(secret, `${s.v1}\n`);
});
afterAll(async () => {
  fs.rmSync(path.dirname(secret), { recursive: true, force: true });
  await s.close();
});

describe('revision names from dashboard URLs', () => {
  it.each([
    () => `heads/${'../'.repeat(30)}${secret.slice(1)}`,
    () => `refs/heads/${'../'.repeat(30)}${secret.slice(1)}`,
    () => '%00',
    () => 'main%00',
    () => 'stages/..%2F..%2Fconfig',
  ])('diff?from=%s is a 400 InvalidNameError without the repository path', async (rev) => {
    const res = await fetch(`${s.base}/_gitway/api/diff?from=${rev()}&to=prod`);
    const body = (await res.json()) as { code: string };
    expect([res.status, body.code]).toEqual([400, 'InvalidNameError']);
    expect(JSON.stringify(body).includes(s.repo.gitdir)).toBe(false);
    expect(JSON.stringify(body).includes(path.dirname(s.repo.gitdir))).toBe(false);
  });

  it('a reserved stage name is an unknown stage on the data plane (403), as in API Gateway', async () => {
    for (const name of ['HEAD']) {
      const res = await fetch(`${s.base}/${name}/pets`);
      expect([res.status, await res.json()]).toEqual([403, { message: 'Missing Authentication Token' }]);
    }
  });
});
