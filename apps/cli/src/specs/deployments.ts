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
      command: 'update <id>',
      describe: "Change a deployment's description (UpdateDeployment); its id stays",
      builder: (y) =>
        y
          .positional('id', { type: 'string', demandOption: true, describe: 'deployment id or prefix (any revision)' })
          .option('description', { type: 'string', demandOption: true, describe: "the new description ('' removes it)" })
          .example("gitway deployments update 3f9a2c71d0 --description 'v2, reviewed'", 'describe a deployment after the fact'),
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
