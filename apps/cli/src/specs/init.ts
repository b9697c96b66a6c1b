import type { CommandSpec } from '../spec.js';

export default {
  command: 'init',
  describe: 'Create a gitway repository (.gitway/, a bare git repository) here',
  needsRepo: false,
  builder: (y) =>
    y
      .option('definition', { type: 'string', describe: 'working definition file, relative to the repository directory (default: api.yaml, or the one openapi.* / swagger.* file found here)' })
      .option('initial-branch', { alias: 'b', type: 'string', default: 'main', describe: 'name of the first branch' })
      .example('gitway init', 'create .gitway/ for ./api.yaml (or ./openapi.yaml, ./swagger.json, ... when that is the only one)')
      .example('gitway init --definition openapi.json', 'use openapi.json as the working definition'),
  load: () => import('../commands/init.js'),
} satisfies CommandSpec;
