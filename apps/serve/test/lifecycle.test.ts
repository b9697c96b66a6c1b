import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { aws, call, definition, sdk, startServe } from './helpers.js';

const { CreateRestApiCommand, PutRestApiCommand, CreateDeploymentCommand } = aws;

/** Threads of this process (each stage worker of the data plane is one). */
const threads = () => fs.readdirSync('/proc/self/task').length;

describe('gitway serve: data-plane lifecycle', () => {
  it.runIf(fs.existsSync('/proc/self/task'))('closing the server stops the stage workers its data plane started', async () => {
    const { server, base } = await startServe();
    const client = sdk(base);
    const { id } = await client.send(new CreateRestApiCommand({ name: 'colors' }));
    await client.send(new PutRestApiCommand({ restApiId: id, mode: 'overwrite', body: new TextEncoder().encode(definition('1')) }));
    await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'prod', variables: { color: 'red' } }));
    const before = threads();
    expect(await call(`${base}/restapis/${id}/prod/_user_request_/color`)).toEqual({ status: 200, body: { version: '1', color: 'red' } });
    const serving = threads();
    expect(serving).toBeGreaterThan(before);

    await new Promise<void>((resolve) => server.close(() => resolve()));
    for (let i = 0; i < 200 && threads() >= serving; i++) await new Promise((r) => setTimeout(r, 50));
    expect(threads()).toBeLessThan(serving);
  });
});
