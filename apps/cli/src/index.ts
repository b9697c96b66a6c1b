// The CLI as a library: run a gitway command line in-process (tests, embedders).
export { execute, type ExecuteOptions } from './execute.js';
export { run, UsageError } from './cli.js';
export type { Output } from './context.js';
