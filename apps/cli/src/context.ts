import fs from 'node:fs';
import path from 'node:path';
import type { WriteOptions } from '@gitway/core';
import { Errors } from '@gitway/core';
import { createColors } from 'picocolors';

/** Global options every command gets. */
export interface GlobalArgs {
  repo?: string;
  json?: boolean;
  quiet?: boolean;
  color?: boolean;
}

/** What a command runs with: the repository, who writes, and how to print. */
export interface Context extends WriteOptions {
  cwd: string;
  /** The directory holding the repository (where the working definition lives). */
  dir: string;
  gitdir: string;
  json: boolean;
  quiet: boolean;
  color: ReturnType<typeof createColors>;
  /** Whether stderr is a terminal (progress bars go there). */
  tty: boolean;
  env: NodeJS.ProcessEnv;
}

/** What a command returns: JSON for --json, text otherwise, and an exit code. */
export interface Output {
  json?: unknown;
  text?: string;
  exitCode?: number;
}

function findRepo(cwd: string): string | null {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.gitway', 'HEAD'))) return path.join(dir, '.gitway');
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * Builds the context: the repository is --repo, else $GITWAY_DIR, else the nearest
 * `.gitway/` from cwd upwards (like git finds `.git`). `mustExist: false` is for init.
 */
export function createContext(args: GlobalArgs, opts: { cwd?: string; env?: NodeJS.ProcessEnv; mustExist?: boolean } = {}): Context {
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  const explicit = args.repo ?? env.GITWAY_DIR;
  let gitdir = explicit ? path.resolve(cwd, explicit) : findRepo(cwd);
  if (!gitdir) {
    if (opts.mustExist === false) gitdir = path.join(cwd, '.gitway');
    else throw new Errors.NotARepositoryError(`not a gitway repository (or any parent up to /): ${cwd}; run 'gitway init' or pass --repo`, { gitdir: cwd });
  }
  const colorOn = args.color !== false && !('NO_COLOR' in env) && !!process.stdout.isTTY && env.TERM !== 'dumb';
  const name = env.GITWAY_AUTHOR_NAME;
  const email = env.GITWAY_AUTHOR_EMAIL;
  const date = env.GITWAY_AUTHOR_DATE;
  if (date !== undefined && date !== '' && Number.isNaN(Date.parse(date))) {
    throw new Errors.InvalidParameterError(`GITWAY_AUTHOR_DATE is not a date: '${date}' (use ISO 8601, e.g. 2026-01-31T12:00:00Z)`, { path: 'GITWAY_AUTHOR_DATE', value: date });
  }
  return {
    fs,
    cwd,
    dir: path.dirname(gitdir),
    gitdir,
    cache: {},
    json: !!args.json,
    quiet: !!args.quiet,
    color: createColors(colorOn),
    tty: !!process.stderr.isTTY && !args.json,
    env,
    author: name || email ? { name: name || 'gitway', email: email || 'gitway@localhost' } : undefined,
    now: date ? () => Date.parse(date) : Date.now,
    timezoneOffset: -new Date().getTimezoneOffset(),
  };
}
