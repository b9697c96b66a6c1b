import type { CommandSpec } from '../spec.js';

export default {
  command: 'push [remote]',
  describe: 'Send the current branch (and --stage stages, or --all) with their history to a remote',
  builder: (y) =>
    y
      .positional('remote', { type: 'string', default: 'origin', describe: 'remote name' })
      .option('stage', { alias: 's', type: 'string', describe: 'also push this stage (repeat: --stage a --stage b)' })
      .option('all', { type: 'boolean', describe: 'push every branch and every stage' })
      .option('force', { alias: 'f', type: 'boolean', describe: 'overwrite remote branches/stages that moved (loses their new states there)' })
      .example('gitway push --stage prod', 'share the current branch and stage prod with origin')
      .example('gitway push --all --json', 'everything; JSON lists each ref: {ref, old, new, status}'),
  load: () => import('../commands/push.js'),
} satisfies CommandSpec;
