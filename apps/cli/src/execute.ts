// Runs one gitway command line in this process and reports what a terminal would see:
// the only place that turns a command's result or error into output and an exit code.
// bin/gitway.js (the binary) and the behaviour tests both go through it.
import { run, UsageError } from './cli.js';

/** Where a command line runs and where its output goes. */
export interface ExecuteOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

/** Exit codes: 0 success, 1 differences/conflicts, 2 usage, 128 any other failure. */
export async function execute(argv: string[], opts: ExecuteOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const stdout = opts.stdout ?? ((s: string) => void process.stdout.write(s));
  const stderr = opts.stderr ?? ((s: string) => void process.stderr.write(s));
  const json = argv.includes('--json');
  try {
    const out = await run(argv, { cwd: opts.cwd, env });
    if (json && out.json !== undefined) stdout(JSON.stringify(out.json, null, 2) + '\n');
    else if (!argv.includes('--quiet') && !argv.includes('-q') && out.text) stdout(out.text.endsWith('\n') ? out.text : out.text + '\n');
    return out.exitCode ?? 0;
  } catch (err) {
    const e = err as { code?: string; message?: string; stack?: string; data?: { conflicts?: unknown } };
    const usage = err instanceof UsageError;
    // Scripts reading --json get the structured part of an expected failure (merge conflicts).
    if (json && e.data?.conflicts) stdout(JSON.stringify({ message: e.message, code: e.code, conflicts: e.data.conflicts }, null, 2) + '\n');
    const line = (e.message ?? String(err)).split('\n')[0];
    stderr(`${usage ? 'usage' : 'error'}: ${line}${e.code && !usage ? ` [${e.code}]` : ''}\n`);
    if (usage) stderr('See gitway --help\n');
    if (env.GITWAY_DEBUG === '1' && e.stack) stderr(e.stack + '\n');
    return usage ? 2 : e.code === 'MergeConflictError' ? 1 : 128;
  }
}
