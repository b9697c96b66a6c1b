import path from 'node:path';
import type { RemoteConnection, RemoteTransport, TransportOptions } from '../transport.js';
import type { GitResult, GitRunner } from './runGit.js';
import type { PushReport } from '../sendPack.js';
import { ZERO } from '../sendPack.js';
import { spawnGit } from './spawnGit.js';
import { gitConfigArgs, gitEnv } from './gitEnv.js';
import { gitFailure, scrub, type GitStep } from './gitFailure.js';
import { Quarantine } from './quarantine.js';
import { remoteUrlKind } from '../remoteUrl.js';
import { redactUrl } from '../redactUrl.js';
import { listRefs } from '../../storage/refs.js';
import { TooLargeError } from '../../errors/TooLargeError.js';

/** Options of the native-git transport. */
export interface GitTransportOptions {
  /** Runs git (default `spawnGit`: node:child_process). */
  runGit?: GitRunner;
  /** git and ssh may prompt on the terminal (default false: they fail instead of waiting for input). */
  interactive?: boolean;
  /** The environment git starts from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Where relative local paths are resolved from (default process.cwd()). */
  cwd?: string;
}

const LISTING: GitStep = { verb: 'listing the refs of', phase: 'listing refs (git ls-remote)' };
const FETCHING: GitStep = { verb: 'fetching from', phase: 'fetching (git fetch)' };
const PUSHING: GitStep = { verb: 'pushing to', phase: 'pushing (git push)' };
const PROGRESS = /^(?:remote: )?([A-Za-z][A-Za-z ]*?):\s+(\d+)% \((\d+)\/(\d+)\)(?:,\s+([\d.]+) (bytes|KiB|MiB|GiB))?/;
const UNITS: Record<string, number> = { bytes: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/**
 * The native-git transport: `git ls-remote`, then `git fetch` of exactly the refs gitway
 * validated into a quarantine repository (alternates on the real one, so only missing
 * objects travel; `transfer.fsckObjects` on), whose packs are moved in only for gitway's
 * checks to run on; `git push --atomic --porcelain` with a `--force-with-lease` per ref
 * (the remote must still hold what gitway checked). git runs with `gitEnv` and
 * `gitConfigArgs`: the user's ssh agent, GIT_SSH_COMMAND and credential helpers work;
 * repository-redirecting variables, hooks and remote-helper URLs do not. Needs a gitdir on
 * the real filesystem and git >= 2.29.
 *
 * @example
 * const transport = createGitTransport({ interactive: process.stdin.isTTY });
 * await clone({ fs, url: 'git@github.com:acme/petstore.git', gitdir: 'petstore/.gitway', transport });
 */
export function createGitTransport(options: GitTransportOptions = {}): RemoteTransport {
  const runGit = options.runGit ?? spawnGit;
  const interactive = options.interactive ?? false;
  const cwd = options.cwd ?? process.cwd();
  return {
    name: 'git',
    unsupported: () => null,
    async connect(rawUrl, service, opts) {
      const kind = remoteUrlKind(rawUrl) ?? 'path';
      const url = redactUrl(rawUrl);
      // "api.git" could name a configured remote; "./api.git" is always the path.
      const target = kind === 'path' && !path.isAbsolute(rawUrl) && !rawUrl.startsWith('.') ? `./${rawUrl}` : rawUrl;
      const gitdir = path.resolve(cwd, opts.gitdir);
      const env = { ...gitEnv(options.env ?? process.env, interactive), ...(await credentialEnv(opts, rawUrl, kind)) };
      const config = [...gitConfigArgs(kind, opts.timeoutMs), ...(env.GITWAY_GIT_PASSWORD !== undefined ? CREDENTIAL_HELPER : [])];
      const run = async (what: GitStep, dir: string, args: string[], limitBytes = false): Promise<GitResult> => {
        let tooLarge = false;
        const r = await runGit({
          args: ['--git-dir', dir, ...config, ...args],
          env,
          cwd,
          idleTimeoutMs: opts.timeoutMs,
          detached: !interactive,
          maxStdoutBytes: 128 * 1024 ** 2,
          onStderrLine: (line) => onStderr(opts, line, () => (tooLarge = limitBytes)),
        });
        if (r.spawnError) throw gitFailure({ ...r, stderr: [`error: cannot run git (${r.spawnError})`] }, what, rawUrl, url, opts.timeoutMs);
        if (tooLarge) {
          throw new TooLargeError(`remote ${url} sent more than ${opts.maxPackBytes} bytes; gave up, nothing was changed (raise the limit with maxPackBytes)`, { url, limit: opts.maxPackBytes });
        }
        if (r.code !== 0 && !(what === PUSHING && /^To /m.test(r.stdout))) throw gitFailure(r, what, rawUrl, url, opts.timeoutMs);
        return r;
      };
      const listed = await run(LISTING, gitdir, ['ls-remote', '--symref', '--end-of-options', target]);
      const { refs, head } = parseLsRemote(listed.stdout);
      const conn: RemoteConnection = {
        url,
        refs,
        head,
        async fetch(wanted) {
          const q = await Quarantine.create(opts, path.join(gitdir, 'objects'));
          try {
            const specs = [...wanted.keys()].map((ref) => `${ref}:${ref}`);
            const limits = ['-c', 'fetch.unpackLimit=1', '-c', 'transfer.unpackLimit=1', '-c', 'transfer.fsckObjects=true'];
            await run(FETCHING, path.join(gitdir, q.name), [
              ...limits,
              'fetch', '--no-tags', '--no-write-fetch-head', '--no-auto-gc', '--no-recurse-submodules', '--progress', '--end-of-options', target, ...specs,
            ], true);
            const got = await listRefs({ fs: opts.fs, gitdir: path.join(opts.gitdir, q.name) }, 'refs/');
            const received = new Map<string, string>();
            for (const ref of wanted.keys()) if (got.get(ref)) received.set(ref, got.get(ref)!);
            return { refs: received, installed: await q.install() };
          } finally {
            await q.discard();
          }
        },
        async push(commands) {
          const leases = commands.map((c) => `--force-with-lease=${c.ref}:${c.old === ZERO ? '' : c.old}`);
          const specs = commands.map((c) => `${c.new}:${c.ref}`);
          const r = await run(PUSHING, gitdir, ['push', '--porcelain', '--atomic', '--no-verify', '--progress', ...leases, '--end-of-options', target, ...specs]);
          return parsePorcelain(r, rawUrl, url);
        },
      };
      return conn;
    },
  };
}

/** A credential helper that answers from GITWAY_GIT_USERNAME/PASSWORD (never on the command line); tried after the user's own. */
const CREDENTIAL_HELPER = ['-c', 'credential.helper=!f() { test "$1" = get && printf "username=%s\\npassword=%s\\n" "$GITWAY_GIT_USERNAME" "$GITWAY_GIT_PASSWORD"; }; f'];

/** For http(s) with an `onAuth` callback: its answer, for the helper above (git asks helpers only after a 401). */
async function credentialEnv(opts: TransportOptions, rawUrl: string, kind: string): Promise<Record<string, string>> {
  if (kind !== 'http' || !opts.onAuth) return {};
  const auth = await opts.onAuth(redactUrl(rawUrl));
  if (!auth || auth.cancel || (!auth.username && !auth.password)) return {};
  return { GITWAY_GIT_USERNAME: auth.username ?? '', GITWAY_GIT_PASSWORD: auth.password ?? '' };
}

/** Progress lines to onProgress, the server's other lines (hooks) to onMessage; calls `overLimit` when the received bytes pass the limit. */
function onStderr(opts: TransportOptions, line: string, overLimit: () => boolean): boolean {
  const m = PROGRESS.exec(line);
  if (m) {
    opts.onProgress?.({ phase: m[1]!, loaded: Number(m[3]), total: Number(m[4]) });
    if (m[5] && Number(m[5]) * UNITS[m[6]!]! > opts.maxPackBytes && overLimit()) return false;
    return true;
  }
  if (line.startsWith('remote: ')) opts.onMessage?.(line.slice('remote: '.length).trimEnd());
  return true;
}

/** `git ls-remote --symref` output: "<oid>\t<name>" lines and "ref: <target>\tHEAD". Names are taken as printed; gitway validates them after. */
export function parseLsRemote(text: string): { refs: Map<string, string>; head: string | null } {
  const refs = new Map<string, string>();
  let head: string | null = null;
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const left = line.slice(0, tab);
    const name = line.slice(tab + 1);
    if (left.startsWith('ref: ')) {
      if (name === 'HEAD' && left.slice(5).startsWith('refs/heads/')) head = left.slice(5);
    } else if (name !== 'HEAD' && !name.endsWith('^{}')) refs.set(name, left);
  }
  return { refs, head };
}

/** `git push --porcelain` output -> the same report the smart-HTTP client reads from the server. */
function parsePorcelain(r: GitResult, rawUrl: string, url: string): PushReport {
  const report: PushReport = { unpack: 'ok', refs: new Map(), messages: [] };
  for (const line of r.stdout.split('\n')) {
    const m = /^([ +\-*!=])\t[^:]*:(\S+)\t(.*)$/.exec(line);
    if (!m) continue;
    const ok = m[1] !== '!';
    report.refs.set(m[2]!, ok ? { ok } : { ok, reason: scrub(m[3]!.replace(/^\[[^\]]*\]\s*/, '').replace(/^\((.*)\)$/, '$1') || m[3]!, rawUrl, url) });
  }
  for (const line of r.stderr) {
    if (line.startsWith('remote: ') && !PROGRESS.test(line)) report.messages.push(scrub(line.slice(8).trim(), rawUrl, url));
    const unpack = /remote unpack failed: (.*)$/.exec(line);
    if (unpack) report.unpack = unpack[1]!;
  }
  return report;
}
