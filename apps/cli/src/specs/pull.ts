import type { CommandSpec } from '../spec.js';

export default {
  command: 'pull [remote]',
  describe: 'Fetch, then fast-forward local branches and stages the remote moved ahead (diverged ones are reported, exit 1)',
  builder: (y) =>
    y
      .positional('remote', { type: 'string', default: 'origin', describe: 'remote name' })
      .example('gitway pull', "take teammates' deployments and stage changes"),
  load: () => import('../commands/pull.js'),
} satisfies CommandSpec;
