import type { HttpClient } from 'isomorphic-git';
import type { RemoteTransport } from './transport.js';
import { createSession } from './session.js';
import { discover } from './discover.js';
import { fetchPack } from './fetchPack.js';
import { IncomingPack, installPack } from './installPack.js';
import { objectsToSend } from './objectsToSend.js';
import { sendPack } from './sendPack.js';
import { listRefs } from '../storage/refs.js';

/**
 * gitway's own smart-HTTP client (git's protocol v0 over http(s), in JS): what remotes
 * use when no other transport is injected, and on machines without `git`. The received
 * pack is streamed to disk; the pushed pack is streamed from disk. `http` replaces
 * node's client (tests, other runtimes).
 *
 * @example
 * await fetch({ fs, gitdir, remote: 'origin', transport: createHttpTransport() });
 */
export function createHttpTransport(http?: HttpClient): RemoteTransport {
  return {
    name: 'http',
    unsupported(url) {
      return /^https?:\/\//i.test(url) ? null : 'only http(s) URLs can be reached without native git (install git for ssh, file and local paths)';
    },
    async connect(url, service, opts) {
      const s = createSession(url, { http, onAuth: opts.onAuth, onProgress: opts.onProgress, timeoutMs: opts.timeoutMs, maxPackBytes: opts.maxPackBytes });
      const adv = await discover(s, service === 'fetch' ? 'git-upload-pack' : 'git-receive-pack');
      return {
        url: s.url,
        refs: adv.refs,
        head: adv.head,
        async fetch(refs) {
          const incoming = await IncomingPack.create(opts);
          let received;
          try {
            const haves = [...new Set((await listRefs(opts, 'refs/')).values())].slice(0, 256);
            received = await fetchPack(s, adv.caps, [...new Set(refs.values())], haves, incoming, opts.onMessage);
          } catch (err) {
            await incoming.discard();
            throw err;
          }
          if (received.objects === 0) {
            await incoming.discard();
            return { refs, installed: [] };
          }
          const installed = await installPack(opts, incoming, received.hash);
          return { refs, installed: installed ? [installed] : [] };
        },
        async push(commands) {
          const objects = await objectsToSend(opts, commands.map((c) => c.new), [...adv.refs.values()]);
          return sendPack(opts, s, adv.caps, commands, objects, opts.onMessage);
        },
      };
    },
  };
}

/**
 * The smart-HTTP transport with node's http client (what sync calls use when no transport is given).
 *
 * @example
 * await push({ fs, gitdir, remote: 'origin', transport: httpTransport });
 */
export const httpTransport: RemoteTransport = createHttpTransport();
