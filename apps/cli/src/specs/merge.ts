import type { CommandSpec } from '../spec.js';
import { UsageError } from '../cli.js';

export default {
  command: 'merge [branch]',
  describe: 'Merge a branch: fast-forward, or a structural three-way merge per operation and field',
  builder: (y) =>
    y
      .positional('branch', { type: 'string', describe: 'branch (or revision) to merge' })
      .option('into', { type: 'string', describe: 'branch to merge into (default: the current branch)' })
      .option('message', { alias: 'm', type: 'string', describe: 'merge commit message' })
      .option('deploy', { type: 'boolean', describe: 'deploy the result (with --stage: point that stage at it)' })
      .option('stage', { alias: 's', type: 'string', describe: 'point this stage at the merge result (implies --deploy)' })
      .option('ff', { type: 'boolean', describe: 'fast-forward when possible (--no-ff: always create a merge commit)' })
      .option('continue', { type: 'boolean', describe: 'finish a conflicted merge with the edited working definition' })
      .option('abort', { type: 'boolean', describe: 'abandon a conflicted merge and restore the working definition' })
      .conflicts('continue', ['abort', 'branch'])
      .conflicts('abort', ['branch', 'stage', 'deploy'])
      .check((a) => {
        if (a.branch || a.continue || a.abort) return true;
        throw new UsageError('name a branch to merge, or --continue / --abort');
      })
      .example('gitway merge private --deploy --stage prod', 'merge private into the current branch and serve it on prod')
      .example('gitway merge --continue', 'after resolving conflicts in the working definition')
      .example('gitway merge --abort', 'give up a conflicted merge'),
  load: () => import('../commands/merge.js'),
} satisfies CommandSpec;
