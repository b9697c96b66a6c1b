import type { RemoteSyncOptions } from './types.js';
import type { RemoteConnection, RemoteTransport } from './transport.js';
import { createHttpTransport } from './httpTransport.js';
import { assertRemoteUrl } from './remoteUrl.js';
import { redactUrl } from './redactUrl.js';
import { DEFAULT_MAX_PACK_BYTES, DEFAULT_REMOTE_TIMEOUT_MS } from './session.js';
import { NotAGitwayRemoteError } from './errors/NotAGitwayRemoteError.js';

const positive = (n: number | undefined, d: number): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : d);

/** The transport of a sync call: the injected one, else the smart-HTTP client (with `opts.http` when given). */
export function transportOf(opts: RemoteSyncOptions): RemoteTransport {
  return opts.transport ?? createHttpTransport(opts.http);
}

/**
 * Opens a conversation with the remote at `url` through the call's transport, after
 * checking the URL (no control characters, no option-looking or command-running URLs) and
 * that the transport can reach it; limits default to 10 minutes of silence and 2 GiB.
 */
export async function connectRemote(opts: RemoteSyncOptions, url: string, service: 'fetch' | 'push'): Promise<RemoteConnection> {
  assertRemoteUrl(url);
  const transport = transportOf(opts);
  const why = transport.unsupported(url);
  if (why) throw new NotAGitwayRemoteError(`cannot reach '${redactUrl(url)}': ${why}`, { url: redactUrl(url), reason: 'transport' });
  return transport.connect(url, service, {
    ...opts,
    timeoutMs: positive(opts.timeoutMs, DEFAULT_REMOTE_TIMEOUT_MS),
    maxPackBytes: positive(opts.maxPackBytes, DEFAULT_MAX_PACK_BYTES),
  });
}
