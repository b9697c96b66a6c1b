import type { CommandSpec } from '../spec.js';

export default {
  command: 'switch <name>',
  describe: "Switch to a branch and write its API into the working definition",
  builder: (y) =>
    y
      .positional('name', { type: 'string', demandOption: true, describe: 'branch' })
      .option('create', { alias: 'c', type: 'boolean', describe: 'create the branch at HEAD first' })
      .option('force', { alias: 'f', type: 'boolean', describe: 'discard undeployed changes in the working definition' })
      .example('gitway switch -c private', 'start a private line of the API')
      .example('gitway switch main', 'back to the public line'),
  load: () => import('../commands/switch.js'),
} satisfies CommandSpec;
