import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

/** The built `gitway` binary of this checkout (`npm run build` makes it current). */
export const GITWAY_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../apps/cli/bin/gitway.js');

const run = promisify(execFile);

/**
 * The built CLI as a separate process against `gitdir` (`--repo`), without blocking this
 * process's event loop (a server under test may live in it); resolves with its stdout,
 * rejects with its exit code and stderr unless it exits 0. Colour off.
 *
 * @example
 * await gitwayProcess(repo.gitdir, 'stage', 'update', 'prod', '--variable', 'x=1');
 */
export async function gitwayProcess(gitdir: string, ...args: string[]): Promise<string> {
  try {
    return (await run(process.execPath, [GITWAY_BIN, '--repo', gitdir, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })).stdout;
  } catch (error) {
    const e = error as { code?: number; stderr?: string };
    throw new Error(`gitway ${args.join(' ')} exited ${e.code}: ${e.stderr}`);
  }
}
