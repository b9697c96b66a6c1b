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

/** Exit codes: 0 success, 1 differences/conflicts, 2 usage, else core's ERROR_CODES table (128 for a code it lacks). */
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
    const e = err as { code?: string; message?: string; stack?: string; data?: { conflicts?: unknown; awsType?: string } };
    const usage = err instanceof UsageError;
    // Scripts reading --json get the error as data: API Gateway's exception type, merge conflicts.
    if (json && e.code && !usage) {
      const { awsType, conflicts } = e.data ?? {};
      stdout(JSON.stringify({ message: e.message, code: e.code, ...(awsType ? { awsType } : {}), ...(conflicts ? { conflicts } : {}) }, null, 2) + '\n');
    }
    const line = (e.message ?? String(err)).split('\n')[0];
    stderr(`${usage ? 'usage' : 'error'}: ${line}${e.code && !usage ? ` [${e.code}]` : ''}\n`);
    if (usage) stderr('See gitway --help\n');
    if (env.GITWAY_DEBUG === '1' && e.stack) stderr(e.stack + '\n');
    if (usage) return 2;
    // Loaded here, not at the top: `gitway --version` and --help stay free of core.
    const { errorCodeInfo } = await import('@gitway/core');
    return errorCodeInfo(e.code)?.exitCode ?? 128;
  }
}
