import type { CommandSpec } from '../spec.js';

export default {
  command: 'diff [from] [to]',
  describe: 'Semantic diff of two deployments (default: the current branch tip vs the working definition)',
  builder: (y) =>
    y
      .positional('from', { type: 'string', describe: 'revision (default: HEAD)' })
      .positional('to', { type: 'string', describe: 'revision (default: the working definition)' })
      .option('stat', { type: 'boolean', describe: 'one line per changed operation/model with counts' })
      .option('name-only', { type: 'boolean', describe: 'only the names of what changed' })
      .option('markdown', { type: 'boolean', describe: 'markdown tables, for pull-request comments' })
      .option('text', { type: 'boolean', describe: 'unified diff of the exported definitions' })
      .option('breaking', { type: 'boolean', describe: 'only breaking changes' })
      .option('exit-code', { type: 'boolean', describe: 'exit 1 when there are differences' })
      .conflicts('stat', ['name-only', 'markdown', 'text'])
      .conflicts('name-only', ['markdown', 'text'])
      .conflicts('markdown', 'text')
      .example('gitway diff', 'what the working definition changes against the branch tip')
      .example('gitway diff prod main --breaking --exit-code', 'fail CI when main breaks prod clients')
      .example('gitway diff prod@{1} prod --markdown', 'what the last stage change did, for a PR comment'),
  load: () => import('../commands/diff.js'),
} satisfies CommandSpec;
