import type { CommandSpec } from '../spec.js';

export default {
  command: 'log [rev]',
  describe: 'List deployments on a line of history, newest first',
  builder: (y) =>
    y
      .positional('rev', { type: 'string', describe: 'revision to start from (default: HEAD)' })
      .option('max-count', { alias: 'n', type: 'number', describe: 'show at most N deployments' })
      .option('oneline', { type: 'boolean', describe: 'one line per deployment' })
      .example('gitway log -n 5', 'the last five deployments of the current branch')
      .example('gitway log prod', "the history behind prod's active deployment"),
  load: () => import('../commands/log.js'),
} satisfies CommandSpec;
