import type { CommandSpec } from '../spec.js';

export default {
  command: 'clone <url> [dir]',
  describe: "Copy a gitway repository from a git server into DIR/.gitway and write DIR's working definition",
  builder: (y) =>
    y
      .positional('url', { type: 'string', demandOption: true, describe: 'git URL of the repository: https://, ssh://, git@host:path, file:// or a local path' })
      .positional('dir', { type: 'string', describe: 'directory to create (default: the URL basename without .git)' })
      .example('gitway clone https://git.example.com/team/petstore.git', 'creates petstore/.gitway and petstore/api.yaml')
      .example('gitway clone git@git.example.com:team/petstore.git', 'over ssh (native git, your ssh agent)'),
  load: () => import('../commands/clone.js'),
  needsRepo: false,
} satisfies CommandSpec;
