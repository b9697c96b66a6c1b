// The binary's entry (bin/gitway.js loads it): prints what `execute` reports and sets
// the exit code.
import { createRequire } from 'node:module';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  // Fast path: no yargs, no core.
  // by the package's own name: the same from src/, dist/ and the bundle in dist/bundle/
  const pkg = createRequire(import.meta.url)('gitway/package.json') as { version: string };
  process.stdout.write(`gitway ${pkg.version}\n`);
} else {
  const { execute } = await import('./execute.js');
  process.exitCode = await execute(argv);
}
