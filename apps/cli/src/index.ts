#!/usr/bin/env node
// The bin entry: the only place that prints results, turns errors into one line on
// stderr, and sets the exit code (commands return data and never exit).
import { createRequire } from 'node:module';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  // Fast path: no yargs, no core.
  const pkg = createRequire(import.meta.url)('../package.json') as { version: string };
  process.stdout.write(`gitway ${pkg.version}\n`);
} else {
  main().catch(() => undefined);
}

async function main(): Promise<void> {
  const { run, UsageError } = await import('./cli.js');
  try {
    const out = await run(argv);
    const json = argv.includes('--json');
    if (json && out.json !== undefined) process.stdout.write(JSON.stringify(out.json, null, 2) + '\n');
    else if (!argv.includes('--quiet') && !argv.includes('-q') && out.text) process.stdout.write(out.text.endsWith('\n') ? out.text : out.text + '\n');
    process.exitCode = out.exitCode ?? 0;
  } catch (err) {
    const e = err as { code?: string; message?: string; stack?: string; data?: { conflicts?: unknown; awsType?: string } };
    const usage = err instanceof UsageError;
    // Scripts reading --json get the error as data: API Gateway's exception type, merge conflicts.
    if (argv.includes('--json') && e.code && !usage) {
      const { awsType, conflicts } = e.data ?? {};
      process.stdout.write(JSON.stringify({ message: e.message, code: e.code, ...(awsType ? { awsType } : {}), ...(conflicts ? { conflicts } : {}) }, null, 2) + '\n');
    }
    const line = (e.message ?? String(err)).split('\n')[0];
    process.stderr.write(`${usage ? 'usage' : 'error'}: ${line}${e.code && !usage ? ` [${e.code}]` : ''}\n`);
    if (usage) process.stderr.write('See gitway --help\n');
    if (process.env.GITWAY_DEBUG === '1' && e.stack) process.stderr.write(e.stack + '\n');
    process.exitCode = usage ? 2 : e.code === 'MergeConflictError' ? 1 : 128;
  }
}
