import type { CommandSpec } from '../spec.js';

const load = () => import('../commands/deployments.js');

export default {
  command: 'deployments',
  describe: 'List deployments on every branch, or delete one no stage uses',
  subcommands: [
    {
      command: 'list',
      describe: 'Every deployment reachable from a branch, newest first (deleted ones hidden)',
      builder: (y) =>
        y
          .option('all', { type: 'boolean', describe: 'include deleted deployments' })
          .option('max-count', { alias: 'n', type: 'number', describe: 'show at most N deployments' })
          .example('gitway deployments list --json', 'get-deployments: {items: [...]}'),
      load,
    },
    {
      command: 'delete <id>',
      describe: 'Delete a deployment (refused while a stage or canary uses it); it stays in the history',
      builder: (y) =>
        y.positional('id', { type: 'string', demandOption: true, describe: 'deployment id or prefix' }).example('gitway deployments delete 3f9a2c71d0', 'hide an old deployment from log'),
      load,
    },
  ],
} satisfies CommandSpec;
