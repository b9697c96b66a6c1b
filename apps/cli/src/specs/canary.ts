import type { CommandSpec } from '../spec.js';

const load = () => import('../commands/canary.js');
const stage = { type: 'string', demandOption: true, describe: 'stage name' } as const;

export default {
  command: 'canary',
  describe: "Show, set, promote or delete a stage's canary release (as API Gateway does)",
  subcommands: [
    {
      command: 'show <stage>',
      describe: "Show the stage's canary settings",
      builder: (y) => y.positional('stage', stage).example('gitway canary show prod --json', 'canarySettings as get-stage returns them'),
      load,
    },
    {
      command: 'set <stage>',
      describe: 'Change the canary (created with the stage deployment, 0 %, if the stage has none); one new stage state',
      builder: (y) =>
        y
          .positional('stage', stage)
          .option('percent', { type: 'number', describe: 'percentTraffic, 0.0 to 100.0' })
          .option('variables', { type: 'string', describe: 'stageVariableOverrides k=v,k2=v2 (set over the existing ones)' })
          .option('deployment', { alias: 'd', type: 'string', describe: 'canary deployment (any revision)' })
          .option('use-stage-cache', { type: 'boolean', describe: 'serve canary requests from the stage cache' })
          .example('gitway canary set prod --percent 25', 'send a quarter of prod traffic to the canary'),
      load,
    },
    {
      command: 'promote <stage>',
      describe: "Promote: the canary's deployment and variable overrides become the stage's, canary traffic goes to 0 %",
      builder: (y) => y.positional('stage', stage).example('gitway canary promote prod', 'make the canary the production release'),
      load,
    },
    {
      command: 'delete <stage>',
      describe: 'Turn the canary off (remove canarySettings)',
      builder: (y) => y.positional('stage', stage).example('gitway canary delete prod', 'prod serves only its deployment again'),
      load,
    },
  ],
} satisfies CommandSpec;
