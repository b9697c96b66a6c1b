import type { CommandSpec } from '../spec.js';

export default {
  command: 'status',
  describe: 'Current branch, undeployed changes, stages and where they point',
  builder: (y) => y.example('gitway status', 'what would deploy, and which stages lag behind'),
  load: () => import('../commands/status.js'),
} satisfies CommandSpec;
