export type { RemoteAuth, RemoteAuthCallback, RemoteProgress, RemoteSyncOptions, RefStatus, RefUpdate } from './types.js';
export { addRemote } from './addRemote.js';
export { removeRemote } from './removeRemote.js';
export { listRemotes } from './listRemotes.js';
export { fetch, type FetchResult } from './fetch.js';
export type { SkippedRef } from './assertGitwayRefs.js';
export { pull, type PullResult } from './pull.js';
export { push, type PushResult, type PushSelection } from './push.js';
export { clone } from './clone.js';
