import type { HttpClient } from 'isomorphic-git';
import type { RepoOptions } from '../models/FsClient.js';
import type { RemoteTransport } from './transport.js';

/** Credentials for a remote (HTTP basic auth; a token goes in `password`). */
export interface RemoteAuth {
  username?: string;
  password?: string;
  /** Give up instead of retrying. */
  cancel?: boolean;
}

/** Called when the server answers 401; `url` has no credentials in it. */
export type RemoteAuthCallback = (url: string) => RemoteAuth | void | Promise<RemoteAuth | void>;

/** Progress of a transfer: bytes received/sent, or the server's "Counting objects" lines. */
export interface RemoteProgress {
  phase: string;
  loaded: number;
  total?: number;
}

/** Options of every call that talks to a remote. */
export interface RemoteSyncOptions extends RepoOptions {
  /** Remote name (default "origin"). */
  remote?: string;
  /**
   * How to reach the remote (default: gitway's smart-HTTP client, http(s) only). Pass
   * `createGitTransport()` to use native git (ssh, file, local paths, https with the
   * user's credential helpers), as the CLI does when git is installed.
   */
  transport?: RemoteTransport;
  /** HTTP client of the default smart-HTTP transport (default: node's). */
  http?: HttpClient;
  onAuth?: RemoteAuthCallback;
  onProgress?: (event: RemoteProgress) => void;
  /** The server's messages (its stderr, hook output), one line each. */
  onMessage?: (line: string) => void;
  /** Give up when the server sends nothing for this long (ms); default 600000 (10 min). */
  timeoutMs?: number;
  /** Largest pack (and response) accepted from the server, in bytes; default 2 GiB. Packs are streamed to disk. */
  maxPackBytes?: number;
}

/**
 * What happened to one ref. created/fast-forward/forced/up-to-date moved (or kept) it;
 * `ahead` = the local side is ahead (push it); `diverged` = both sides moved (left alone);
 * `rejected` = the server refused it; `merged` = AWS deployment links of both sides joined.
 */
export type RefStatus = 'created' | 'fast-forward' | 'forced' | 'up-to-date' | 'ahead' | 'diverged' | 'rejected' | 'merged';

/** One ref's movement; `old`/`new` are commit ids (null = absent). */
export interface RefUpdate {
  ref: string;
  old: string | null;
  new: string | null;
  status: RefStatus;
  /** For `ahead`/`diverged`: the other side's commit. */
  theirs?: string;
}
