import yargs, { type Argv } from 'yargs';
import type { CommandSpec } from './spec.js';
import { specs } from './specs/index.js';
import { createContext, type Output } from './context.js';

/** Usage errors (bad flags, missing arguments): exit code 2. */
export class UsageError extends Error {
  code = 'UsageError';
}

function register(y: Argv, spec: CommandSpec, out: { result?: Output }, cwd: string, env: NodeJS.ProcessEnv): Argv {
  return y.command({
    command: spec.command,
    describe: spec.describe,
    builder: (sub: Argv) => {
      let b = spec.builder ? spec.builder(sub) : sub;
      if (spec.subcommands) {
        for (const child of spec.subcommands) b = register(b, child, out, cwd, env);
        b = b.demandCommand(1, `Specify a subcommand of '${spec.command.split(' ')[0]}'`);
      }
      return b;
    },
    handler: async (argv: any) => {
      if (!spec.load) return;
      const ctx = createContext(argv, { cwd, env, mustExist: spec.needsRepo !== false });
      const mod = await spec.load();
      out.result = await mod.default(ctx, argv);
    },
  });
}

/**
 * Parses `argv` and runs the command. Returns the command's output; throws its errors
 * (index.ts turns them into one line on stderr and an exit code).
 */
export async function run(argv: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Output> {
  const out: { result?: Output } = {};
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  let y: Argv<any> = yargs()
    .scriptName('gitway')
    .usage('gitway <command> [options]\n\nVersion and preview API Gateway REST APIs the way git versions code.')
    .option('repo', { type: 'string', describe: 'gitway repository (default: nearest .gitway/, or $GITWAY_DIR)', global: true })
    .option('json', { type: 'boolean', describe: "machine-readable output with API Gateway's field names", global: true })
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'print nothing but errors', global: true })
    .option('color', { type: 'boolean', describe: 'colour output (--no-color to disable; off when not a TTY or NO_COLOR is set)', global: true })
    .strict()
    .demandCommand(1, 'Specify a command; see gitway --help')
    .recommendCommands()
    .completion('completion', 'Print a bash/zsh completion script (gitway completion >> ~/.bashrc)')
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(process.stdout.isTTY ? Math.min(110, process.stdout.columns || 80) : null)
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    });
  for (const spec of specs) y = register(y, spec, out, cwd, env);
  // With a parse callback yargs never exits the process: --help and completion output
  // come back here as text, so the CLI runs in-process (tests, embedders).
  let printed = '';
  await y.exitProcess(false).parseAsync(argv, {}, (_err: unknown, _args: unknown, output: string) => {
    printed = output;
  });
  return out.result ?? (printed ? { text: printed } : {});
}
