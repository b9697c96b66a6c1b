/** One run of native git, as the git transport asks for it. */
export interface GitRun {
  /** Arguments after `git` (global `-c` options first). */
  args: string[];
  /** The complete environment of the process (the transport builds it; see gitEnv). */
  env: Record<string, string>;
  /** Working directory (relative local-path remotes are resolved from it). */
  cwd?: string;
  /** Kill git (and what it started: ssh, a local upload-pack) when it prints nothing for this long (ms). */
  idleTimeoutMs: number;
  /** Give git no controlling terminal (it and ssh cannot prompt then): for non-interactive use. */
  detached: boolean;
  /** Each line git writes to stderr (progress lines end at '\r' too). Return false to kill git (a limit was passed). */
  onStderrLine?: (line: string) => boolean | void;
  /** Most bytes of stdout kept; more kills git (a hostile server's endless ref list). */
  maxStdoutBytes: number;
}

/** How a run of git ended. */
export interface GitResult {
  /** Exit code, null when killed. */
  code: number | null;
  stdout: string;
  /** The last lines of stderr (at most 200), for error messages. */
  stderr: string[];
  /** Killed because nothing came for idleTimeoutMs. */
  timedOut: boolean;
  /** Killed because onStderrLine said so or stdout passed maxStdoutBytes. */
  stopped: boolean;
  /** git could not be started (not installed): the spawn error's code, e.g. ENOENT. */
  spawnError?: string;
}

/**
 * Runs native git: the one seam where the git transport touches processes. core's default
 * (`spawnGit`, node:child_process) is used when the application injects
 * `createGitTransport()`; tests or other runtimes may inject their own.
 */
export type GitRunner = (run: GitRun) => Promise<GitResult>;
