import { onTestFinished } from 'vitest';
import { request } from 'node:http';
import * as aws from '@aws-sdk/client-api-gateway';
import { colorsDefinition, tempDir } from '@gitway/test-utils';
import { createServeServer, type ServeOptions, type ServeServer } from '@gitway/serve';

export * as aws from '@aws-sdk/client-api-gateway';

/** A gitway serve on 127.0.0.1:0 over a fresh temp root, closed when the test ends. */
export async function startServe(opts: Partial<ServeOptions> = {}): Promise<{ server: ServeServer; root: string; base: string; port: number }> {
  const root = opts.root ?? tempDir('gitway-serve-');
  const server = await createServeServer({ root, port: 0, ...opts });
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, root, base: `http://127.0.0.1:${port}`, port };
}

/** The real AWS SDK client pointed at the server (one attempt: no retries hiding an error). */
export function sdk(base: string, credentials = { accessKeyId: 'AKIDSERVETEST', secretAccessKey: 'serve-test-secret' }) {
  const client = new aws.APIGatewayClient({ endpoint: base, region: 'us-east-1', credentials, maxAttempts: 1 });
  onTestFinished(() => client.destroy());
  return client;
}

/** A small OpenAPI 3 definition: MOCK methods whose answers show the API version and the stage variable `color`. */
export const definition = colorsDefinition;

/** GET on the data plane; returns status and parsed JSON body. */
export async function call(url: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

/** A data-plane GET through the Host form `{id}.execute-api.localhost:PORT/{stage}/{path}`. */
export function byHost(port: number, host: string, p: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: p, headers: { host } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    }).on('error', reject).end();
  });
}

