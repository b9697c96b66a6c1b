import type { CommandSpec } from '../spec.js';

export default {
  command: 'branch [name] [start]',
  describe: 'List branches, create one, or delete one (-d / -D)',
  builder: (y) =>
    y
      .positional('name', { type: 'string', describe: 'branch to create' })
      .positional('start', { type: 'string', describe: 'revision to start it at (default: HEAD)' })
      .option('delete', { alias: 'd', type: 'string', describe: 'delete a branch fully merged into the current one' })
      .option('force-delete', { alias: 'D', type: 'string', describe: 'delete a branch even if it is not merged' })
      .example('gitway branch', 'list branches, * marks the current one')
      .example('gitway branch private', 'create branch private at HEAD')
      .example('gitway branch -d private', 'delete it once merged'),
  load: () => import('../commands/branch.js'),
} satisfies CommandSpec;
