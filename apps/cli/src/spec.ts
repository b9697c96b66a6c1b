import type { Argv } from 'yargs';
import type { Context, Output } from './context.js';

/** A command's implementation module (commands/<name>.ts): takes the context and parsed args, returns data. */
export interface CommandModule<A = any> {
  default: (ctx: Context, args: A) => Promise<Output>;
}

/**
 * One entry of the CLI's declarative command table (specs/<name>.ts): what yargs needs
 * to parse and document the command, and a lazy `load` of its implementation so that
 * start-up stays fast.
 */
export interface CommandSpec {
  command: string;
  describe: string;
  builder?: (y: Argv) => Argv<any>;
  load?: () => Promise<CommandModule>;
  /** false for commands that run without an existing repository (init, clone). */
  needsRepo?: boolean;
  subcommands?: CommandSpec[];
}
