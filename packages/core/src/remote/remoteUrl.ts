import { redactUrl } from './redactUrl.js';
import { printableName } from '../models/refName.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';
import { NotAGitwayRemoteError } from './errors/NotAGitwayRemoteError.js';

/** How a remote URL is reached: http(s), ssh (`ssh://` or scp-like `host:path`), git://, file:// or a local path. */
export type RemoteUrlKind = 'http' | 'ssh' | 'git' | 'file' | 'path';

const SCHEMES: Record<string, RemoteUrlKind> = { http: 'http', https: 'http', ssh: 'ssh', 'git+ssh': 'ssh', 'ssh+git': 'ssh', git: 'git', file: 'file' };

/**
 * What kind of git URL `url` is, the way git reads it: `scheme://...`, scp-like
 * `[user@]host:path` (a colon before any slash), else a local path.
 *
 * @example
 * remoteUrlKind('git@github.com:org/api.git'); // 'ssh'
 * remoteUrlKind('../api.git');                 // 'path'
 */
export function remoteUrlKind(url: string): RemoteUrlKind | null {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url);
  if (scheme) return SCHEMES[scheme[1]!.toLowerCase()] ?? null;
  const colon = url.indexOf(':');
  const slash = url.indexOf('/');
  if (colon > 0 && (slash < 0 || colon < slash)) return 'ssh';
  return 'path';
}

/**
 * Refuses a remote URL gitway will not hand to a transport: empty, with control characters,
 * starting with '-' (it would read as an option), a remote-helper address (`ext::cmd`,
 * `fd::3`, which run commands) or an unknown scheme. Messages never show credentials.
 *
 * @example
 * assertRemoteUrl('ssh://git@example.com/api.git'); // ok
 * assertRemoteUrl('ext::sh -c touch% /tmp/x');      // throws NotAGitwayRemoteError
 */
export function assertRemoteUrl(url: unknown): asserts url is string {
  const shown = printableName(redactUrl(String(url)));
  // eslint-disable-next-line no-control-regex
  if (typeof url === 'string' && /[\x00-\x1f\x7f]/.test(url)) {
    throw new InvalidParameterError(`invalid remote URL '${shown}': it contains control characters`, { path: 'url', value: shown });
  }
  const refuse = (why: string): never => {
    throw new NotAGitwayRemoteError(`not a gitway repository: '${shown}' ${why}`, { url: shown, reason: 'url' });
  };
  if (typeof url !== 'string' || url === '') refuse('is not a URL');
  const text = url as string;
  if (text.startsWith('-')) refuse("starts with '-'");
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(text)) refuse('names a git remote helper (<transport>::<address>), which gitway does not run');
  if (!remoteUrlKind(text)) refuse('has a scheme gitway does not speak (http, https, ssh, git, file, or a path)');
}
