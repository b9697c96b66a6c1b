import type { GitResult } from './runGit.js';
import type { GitwayError } from '../../errors/GitwayError.js';
import { AuthenticationError } from '../errors/AuthenticationError.js';
import { NotAGitwayRemoteError } from '../errors/NotAGitwayRemoteError.js';
import { RemoteTimeoutError } from '../errors/RemoteTimeoutError.js';
import { RemoteUnreachableError } from '../errors/RemoteUnreachableError.js';
import { TransferInterruptedError } from '../errors/TransferInterruptedError.js';

const AUTH = /Permission denied \(|Authentication failed|could not read (Username|Password)|terminal prompts disabled|Host key verification failed|returned error: 40[13]|Too many authentication failures/i;
const UNREACHABLE = /Could not resolve host|Connection refused|No route to host|Network is unreachable|Connection timed out|Operation timed out|Connection closed by|Connection reset|ssh: connect to host|unable to connect|unable to access|returned error: 5\d\d|kex_exchange_identification/i;
const NOT_A_REPO = /does not appear to be a git repository|not a git repository|Repository not found|repository '.*' not found|returned error: 404|No such file or directory/i;

const GENERIC = /Could not read from remote repository|Please make sure you have the correct access rights|^and the repository exists|failed to push some refs/i;

/** Credentials out of anything git printed: `scheme://user:pass@host` -> `scheme://host`, and the raw URL -> the redacted one. */
export function scrub(text: string, rawUrl: string, url: string): string {
  return text.split(rawUrl).join(url).replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1');
}

/** What git was doing: "fetching from" + URL, and the phase a timeout names ("listing refs"). */
export interface GitStep {
  verb: string;
  phase: string;
}

/**
 * The gitway error for a failed run of git against the remote `url` (redacted): a
 * timeout, an authentication failure, an unreachable host, a missing repository, else
 * an interrupted transfer, each with one line naming the URL and git's own reason.
 */
export function gitFailure(r: GitResult, what: GitStep, rawUrl: string, url: string, timeoutMs: number): GitwayError {
  if (r.timedOut) {
    return new RemoteTimeoutError(`remote ${url} sent nothing for ${timeoutMs / 1000} s while ${what.phase}; gave up, nothing was changed`, { url, timeoutMs, phase: what.phase });
  }
  const lines = r.stderr.map((l) => scrub(l, rawUrl, url).trim()).filter((l) => l && !/^remote: (Enumerating|Counting|Compressing|Total)/.test(l));
  // git ends most failures with the same generic advice; the line before it says what happened.
  const specific = lines.filter((l) => !GENERIC.test(l));
  const reason = specific.find((l) => /^(fatal|error|ERROR):/.test(l)) ?? specific[0] ?? lines[0] ?? `git exited with ${r.code}`;
  const text = lines.join('\n');
  const oneLine = reason.replace(/^(fatal|error|ERROR):\s*/, '').replace(/\s+/g, ' ').slice(0, 300);
  if (AUTH.test(text)) return new AuthenticationError(`authentication failed for ${url}: ${oneLine}`, { url, status: null });
  if (UNREACHABLE.test(text)) return new RemoteUnreachableError(`cannot reach remote ${url}: ${oneLine}`, { url });
  if (NOT_A_REPO.test(text)) return new NotAGitwayRemoteError(`not a gitway repository: ${url} (${oneLine})`, { url, reason: 'not a git repository' });
  return new TransferInterruptedError(`${what.verb} ${url} failed: ${oneLine}`, { url, cause: oneLine });
}
