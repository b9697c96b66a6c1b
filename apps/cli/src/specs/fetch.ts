import type { CommandSpec } from '../spec.js';

export default {
  command: 'fetch [remote]',
  describe: "Download a remote's deployments and stages into refs/remotes/<remote>/* and refs/remote-stages/<remote>/*",
  builder: (y) =>
    y
      .positional('remote', { type: 'string', default: 'origin', describe: 'remote name' })
      .example('gitway fetch', 'see what teammates deployed; local branches and stages do not move'),
  load: () => import('../commands/fetch.js'),
} satisfies CommandSpec;
