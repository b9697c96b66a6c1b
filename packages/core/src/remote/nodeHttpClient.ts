import http from 'node:http';
import https from 'node:https';
import type { HttpClient } from 'isomorphic-git';

import { once } from 'node:events';

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
    // With a content-length the body is small (gitway's requests): held, so a redirect can send it again.
    // Without one it is a stream (a pushed pack): sent chunked as it is produced, never held.
    const sized = Object.keys(headers).some((k) => k.toLowerCase() === 'content-length');
    const payload = sized || !body ? await collect(body as AsyncIterable<Uint8Array> | undefined) : (body as AsyncIterable<Uint8Array>);
    let target = new URL(url);
    let h: Record<string, string> = { ...headers };
    // Redirects are followed (at most 10), as isomorphic-git's client did; credentials never go to another host.
    for (let redirects = 0; ; redirects++) {
      const res = await send(target, method, h, payload, signal as AbortSignal | undefined);
      const location = res.headers.location;
      if (res.statusCode! >= 300 && res.statusCode! < 400 && location && redirects < 10 && (payload === undefined || Buffer.isBuffer(payload))) {
        res.resume();
        const next = new URL(location, target);
        if (next.host !== target.host) h = Object.fromEntries(Object.entries(h).filter(([k]) => k.toLowerCase() !== 'authorization'));
        target = next;
        continue;
      }
      return {
        url: target.toString(),
        method,
        statusCode: res.statusCode ?? 0,
        statusMessage: res.statusMessage ?? '',
        headers: res.headers as Record<string, string>,
        body: res as unknown as AsyncIterableIterator<Uint8Array>,
      };
    }
  },
};

function send(u: URL, method: string, headers: Record<string, string>, payload: Buffer | AsyncIterable<Uint8Array> | undefined, signal: AbortSignal | undefined): Promise<http.IncomingMessage> {
  const client = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(u, { method, headers, agent: false, signal }, resolve);
    req.on('error', reject);
    if (payload === undefined || Buffer.isBuffer(payload)) {
      req.end(payload);
      return;
    }
    void (async () => {
      for await (const chunk of payload) if (!req.write(chunk)) await once(req, 'drain');
      req.end();
    })().catch((err) => req.destroy(err as Error));
  });
}
