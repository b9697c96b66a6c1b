import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { run } from '../src/cli.js';
import { BIN, gitway, initDemo } from './helpers.js';

const ENV = { ...process.env, NO_COLOR: '1', GITWAY_AUTHOR_NAME: 'CLI Test', GITWAY_AUTHOR_EMAIL: 'cli@example.com' };

describe('gitway preview --execution-log', () => {
  it('appends API Gateway-style execution log lines of methods with loggingLevel INFO to the file', async () => {
    const { dir } = await initDemo('gitway-exec-log-');
    await run(['deploy', '-m', 'v1', '--stage', 'prod'], { cwd: dir, env: ENV });
    await run(['stage', 'update', 'prod', '--patch', 'op=replace,path=/*/*/logging/loglevel,value=INFO'], { cwd: dir, env: ENV });
    expect((await gitway(dir, 'preview', '--port', '0', '--execution-log', 'no/such/dir/x.log')).stderr).toMatch(/^error: cannot open --execution-log file no\/such\/dir\/x\.log: ENOENT \[NotFoundError\]$/m);

    const child = spawn(process.execPath, [BIN, 'preview', '--port', '0', '--execution-log', 'exec.log', '--json'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    onTestFinished(() => void child.kill('SIGTERM'));
    const started = await new Promise<{ url: string }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
      });
      child.once('exit', (code) => reject(new Error(`preview exited ${code}`)));
    });
    const res = await fetch(`${started.url}/prod/pets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"cat","price":3}' });
    expect(res.status).toBe(200);
    const lines = fs.readFileSync(path.join(dir, 'exec.log'), 'utf8').trimEnd().split('\n');
    const id = /^\((.+?)\) /.exec(lines[0]!)![1]!;
    expect(lines).toEqual([
      `(${id}) Starting execution for request: ${id}`,
      `(${id}) HTTP Method: POST, Resource Path: /pets`,
      `(${id}) Method request path: {}`,
      `(${id}) Method request query string: {}`,
      `(${id}) Successfully completed execution`,
      `(${id}) Method completed with status: 200`,
    ]);
  });
});
