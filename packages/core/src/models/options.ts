import type { RepoOptions } from './FsClient.js';

export interface Author {
  name: string;
  email: string;
}

/** Options of every function that writes: who and when (injected, for determinism). */
export interface WriteOptions extends RepoOptions {
  /** Defaults to the repository's git config user.name/user.email, else "gitway". */
  author?: Author;
  /** Clock in milliseconds since the epoch; defaults to Date.now. */
  now?: () => number;
  /** Minutes east of UTC recorded in commits (git's convention); defaults to 0. */
  timezoneOffset?: number;
}
