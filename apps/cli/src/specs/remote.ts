import type { CommandSpec } from '../spec.js';

const load = () => import('../commands/remote.js');

export default {
  command: 'remote',
  describe: 'Manage the git servers this repository shares deployments and stages with',
  subcommands: [
    {
      command: 'add <name> <url>',
      describe: 'Record a remote (any git URL: https, ssh, git@host:path, file://, a local path)',
      builder: (y) =>
        y
          .positional('name', { type: 'string', demandOption: true, describe: 'remote name, e.g. origin' })
          .positional('url', { type: 'string', demandOption: true, describe: 'git URL of a bare git repository (a relative path is stored absolute)' })
          .option('force', { type: 'boolean', describe: 'replace an existing remote of that name' })
          .example('gitway remote add origin https://git.example.com/team/petstore.git', 'share through a git server')
          .example('gitway remote add backup /srv/git/petstore.git', 'a bare repository on this machine (or file:///srv/git/petstore.git)'),
      load,
    },
    {
      command: 'remove <name>',
      describe: 'Forget a remote and its remote-tracking refs (local branches and stages stay)',
      builder: (y) => y.positional('name', { type: 'string', demandOption: true }).example('gitway remote remove origin', 'forget origin'),
      load,
    },
    {
      command: 'list',
      describe: 'List remotes (credentials in URLs are never shown)',
      builder: (y) => y.example('gitway remote list --json', '{items: [{name, url}]}'),
      load,
    },
  ],
} satisfies CommandSpec;
