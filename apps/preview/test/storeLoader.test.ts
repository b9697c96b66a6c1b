import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { gitwayProcess } from '@gitway/test-utils';
import { scenario, type Scenario } from './fixture.js';


/** The CLI, run as a separate process, against the scenario's repository. */
const gitway = (s: Scenario, ...args: string[]) => gitwayProcess(s.repo.gitdir, ...args);

describe('preview over the git store', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario();
  });
  afterAll(() => s.close());

  it('a rollback by another process is live on the next request, with no restart', async () => {
    const v2 = await (await fetch(`${s.base}/prod/pets`)).json();
    expect(v2).toMatchObject({ version: 2 });
    await gitway(s, 'rollback', 'prod');
    const v1 = await (await fetch(`${s.base}/prod/pets`)).json();
    expect(Array.isArray(v1)).toBe(true);
    await gitway(s, 'rollback', 'prod');
    expect(await (await fetch(`${s.base}/prod/pets`)).json()).toMatchObject({ version: 2 });
  });

  it('serves a stage created after the server started, and stops serving a deleted one', async () => {
    expect((await fetch(`${s.base}/qa/pets`)).status).toBe(403);
    await gitway(s, 'stage', 'create', 'qa', '--deployment', s.v1);
    expect(Array.isArray(await (await fetch(`${s.base}/qa/pets`)).json())).toBe(true);
    await gitway(s, 'stage', 'delete', 'qa');
    const gone = await fetch(`${s.base}/qa/pets`);
    expect(gone.status).toBe(403);
    expect(await gone.json()).toEqual({ message: 'Missing Authentication Token' });
  });

  it('a stage ref pointing at a missing commit is 503 for that stage only', async () => {
    fs.writeFileSync(path.join(s.repo.gitdir, 'refs', 'stages', 'broken'), 'f'.repeat(40) + '\n');
    try {
      const broken = await fetch(`${s.base}/broken/pets`);
      expect(broken.status).toBe(503);
      expect(await broken.json()).toEqual({ message: 'Service Unavailable' });
      expect((await fetch(`${s.base}/prod/pets`)).status).toBe(200);
    } finally {
      fs.rmSync(path.join(s.repo.gitdir, 'refs', 'stages', 'broken'));
    }
  });

  it('hostile URLs get API Gateway answers and the server stays up', async () => {
    for (const url of ['/%E0%A4%A/x', '/prod/%E0%A4%A', '/prod/../../etc/passwd', '/prod/%2e%2e/%2e%2e/x', '/__proto__/x', '/prod/pets?__proto__=1&a=%ZZ']) {
      const r = await fetch(`${s.base}${url}`);
      expect([200, 403, 404], url).toContain(r.status);
    }
    expect((await fetch(`${s.base}/prod/pets`)).status).toBe(200);
  });
});
