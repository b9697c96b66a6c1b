import type { RepoOptions } from '../models/FsClient.js';
import type { RemoteAuthCallback, RemoteProgress } from './types.js';
import type { InstalledPack } from './installPack.js';
import type { PushCommand, PushReport } from './sendPack.js';

/** What a transport is given for one conversation with a remote. */
export interface TransportOptions extends RepoOptions {
  onAuth?: RemoteAuthCallback;
  onProgress?: (event: RemoteProgress) => void;
  onMessage?: (line: string) => void;
  /** Idle timeout: give up when the remote sends nothing for this long (ms). */
  timeoutMs: number;
  /** Largest pack accepted from the remote (bytes). */
  maxPackBytes: number;
}

/** An open conversation with one remote: what it advertised, and the two things gitway asks of it. */
export interface RemoteConnection {
  /** The remote's URL without credentials (for messages). */
  url: string;
  /** Every ref the remote advertised (name -> object id), unvalidated: gitway's checks run on them after. */
  refs: Map<string, string>;
  /** The branch the remote's HEAD names ("refs/heads/main"), when it says. */
  head: string | null;
  /**
   * Brings the objects of `refs` (already validated names) into the repository. Returns
   * the tips actually received (a remote may have moved since it advertised) and what
   * was installed, so the caller can take it out again when gitway's checks refuse it.
   * No ref of the repository moves.
   */
  fetch(refs: Map<string, string>): Promise<{ refs: Map<string, string>; installed: InstalledPack[] }>;
  /** Sends the objects and the ref updates (each conditional on the remote still holding `old`); returns the remote's report. */
  push(commands: PushCommand[]): Promise<PushReport>;
}

/**
 * How gitway talks to remotes. core ships the smart-HTTP client (`httpTransport`, the
 * default: pure JS, http(s) URLs only) and the native-git one (`createGitTransport`,
 * which drives `git fetch`/`git push` and so speaks ssh, file, local paths and https with
 * the user's credential helpers). Core never chooses to spawn git by itself: the
 * application injects the transport (`RemoteSyncOptions.transport`); the CLI injects the
 * git transport when `git` is installed.
 *
 * @example
 * const transport: RemoteTransport = await findGitTransport() ?? httpTransport;
 * await fetch({ fs, gitdir, remote: 'origin', transport });
 */
export interface RemoteTransport {
  /** "git" or "http" (for messages and tests). */
  readonly name: string;
  /** Why this transport cannot reach `url`, or null when it can. */
  unsupported(url: string): string | null;
  /** Opens a conversation: reads the remote's refs (for fetching or for pushing). */
  connect(url: string, service: 'fetch' | 'push', opts: TransportOptions): Promise<RemoteConnection>;
}
