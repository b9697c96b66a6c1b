import type { CommandSpec } from '../spec.js';

export default {
  command: 'rollback <stage> [rev]',
  describe: "Change a stage's active deployment back: to REV, or to the deployment it used before",
  builder: (y) =>
    y
      .positional('stage', { type: 'string', demandOption: true, describe: 'stage name' })
      .positional('rev', { type: 'string', describe: 'deployment to serve (default: the previous active deployment)' })
      .example('gitway rollback prod', 'back to the deployment prod served before')
      .example('gitway rollback prod prod@{3}', 'back to what prod served three changes ago'),
  load: () => import('../commands/rollback.js'),
} satisfies CommandSpec;
