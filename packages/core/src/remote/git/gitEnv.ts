import type { RemoteUrlKind } from '../remoteUrl.js';

/** Variables that point git at another repository or inject config: never inherited (git's `rev-parse --local-env-vars`, and more). */
const DROPPED = new Set([
  'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_CONFIG', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT', 'GIT_OBJECT_DIRECTORY', 'GIT_DIR',
  'GIT_WORK_TREE', 'GIT_IMPLICIT_WORK_TREE', 'GIT_GRAFT_FILE', 'GIT_INDEX_FILE', 'GIT_NO_REPLACE_OBJECTS', 'GIT_REPLACE_REF_BASE',
  'GIT_PREFIX', 'GIT_INTERNAL_SUPER_PREFIX', 'GIT_SHALLOW_FILE', 'GIT_COMMON_DIR', 'GIT_NAMESPACE', 'GIT_QUARANTINE_PATH',
  'GIT_PROTOCOL_FROM_USER',
]);

/** Transports git may use for gitway: no `ext::` (runs a command), no `fd::`. */
const ALLOWED_PROTOCOLS = ['file', 'git', 'http', 'https', 'ssh'];

/**
 * The environment git runs with: the caller's (PATH, HOME, SSH_AUTH_SOCK, GIT_SSH_COMMAND,
 * credential helpers in ~/.gitconfig all still apply) minus anything that redirects git
 * to another repository or injects config, messages in English (parsed), only the
 * protocols above, and, when not interactive, no prompts of any kind (git, ssh askpass,
 * Git Credential Manager) so a missing credential fails instead of hanging.
 *
 * @example
 * gitEnv(process.env, false).GIT_TERMINAL_PROMPT; // '0'
 */
export function gitEnv(base: Record<string, string | undefined>, interactive: boolean): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !DROPPED.has(k) && !k.startsWith('GIT_CONFIG_KEY_') && !k.startsWith('GIT_CONFIG_VALUE_')) env[k] = v;
  env.LC_ALL = 'C';
  env.LANGUAGE = 'C';
  const userAllowed = base.GIT_ALLOW_PROTOCOL?.split(':');
  env.GIT_ALLOW_PROTOCOL = ALLOWED_PROTOCOLS.filter((p) => !userAllowed || userAllowed.includes(p)).join(':');
  if (!interactive) {
    env.GIT_TERMINAL_PROMPT = '0';
    env.GCM_INTERACTIVE = 'never';
    env.SSH_ASKPASS_REQUIRE = 'never';
  }
  return env;
}

/**
 * `-c` options of every git run: no hooks of the local repository or the quarantine
 * (`core.hooksPath=/dev/null`), no automatic gc, file:// and local paths allowed only
 * for those URLs, and git's own low-speed limit on http(s) at the idle timeout.
 */
export function gitConfigArgs(kind: RemoteUrlKind, idleTimeoutMs: number): string[] {
  const c = ['core.hooksPath=/dev/null', 'gc.auto=0', 'maintenance.auto=false', 'protocol.ext.allow=never', 'protocol.fd.allow=never'];
  if (kind === 'file' || kind === 'path') c.push('protocol.file.allow=always');
  if (kind === 'http') c.push('http.lowSpeedLimit=1', `http.lowSpeedTime=${Math.max(1, Math.ceil(idleTimeoutMs / 1000))}`);
  return c.flatMap((v) => ['-c', v]);
}
