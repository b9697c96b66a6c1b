import http from 'node:http';
import https from 'node:https';
import type { HttpClient } from 'isomorphic-git';

async function collect(body: AsyncIterable<Uint8Array> | Uint8Array[] | undefined): Promise<Buffer | undefined> {
  if (!body) return undefined;
  const parts: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array>) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/**
 * gitway's default HTTP client for remotes (isomorphic-git's HttpClient shape) on
 * node:http/https. Unlike isomorphic-git's node client it keeps node's stream
 * back-pressure (a server that sends faster than the pack is written to disk does not
 * fill memory) and uses a connection of its own per request (`agent: false`), so node's
 * global agent's 5 s socket timeout does not cut a git transfer short; the session
 * applies gitway's idle timeout and aborts through `signal`.
 *
 * @example
 * const res = await nodeHttpClient.request({ url: 'http://127.0.0.1:8080/api.git/info/refs?service=git-upload-pack' });
 */
export const nodeHttpClient: HttpClient = {
  async request({ url, method = 'GET', headers = {}, body, signal }) {
    const payload = await collect(body as AsyncIterable<Uint8Array> | undefined);
    const u = new URL(url);
    const client = u.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = client.request(u, { method, headers, agent: false, signal: signal as AbortSignal | undefined }, (res) => {
        resolve({
          url,
          method,
          statusCode: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? '',
          headers: res.headers as Record<string, string>,
          body: res as unknown as AsyncIterableIterator<Uint8Array>,
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  },
};
