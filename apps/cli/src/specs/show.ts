import type { CommandSpec } from '../spec.js';

export default {
  command: 'show <rev>',
  describe: 'Show a deployment: its description, author, date and routes',
  builder: (y) =>
    y
      .positional('rev', { type: 'string', demandOption: true, describe: 'deployment id (4+ hex), branch, stage, HEAD, rev~N, stage@{N}' })
      .example('gitway show prod', "prod's active deployment")
      .example('gitway show prod@{1}', 'what prod served before its last change'),
  load: () => import('../commands/show.js'),
} satisfies CommandSpec;
