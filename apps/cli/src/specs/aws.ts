import type { Argv } from 'yargs';
import type { CommandSpec } from '../spec.js';

const load = () => import('../commands/aws.js');

/** Where API Gateway is: the SDK's standard chain, overridable per run. */
function target(y: Argv): Argv {
  return y
    .option('rest-api-id', { type: 'string', demandOption: true, describe: 'the REST API on API Gateway' })
    .option('region', { type: 'string', describe: 'AWS region (default: AWS_REGION or the profile\'s)' })
    .option('profile', { type: 'string', describe: 'profile of the shared AWS config/credentials files (default: AWS_PROFILE or default)' })
    .option('endpoint-url', { type: 'string', describe: 'another API Gateway endpoint: LocalStack, moto, gitway serve' });
}

export default {
  command: 'aws',
  describe: 'Ship stages to real API Gateway and adopt APIs from it (push, pull, status)',
  subcommands: [
    {
      command: 'push <stage>',
      describe: "Make the AWS stage match gitway's: a deployment AWS already holds is one UpdateStage (a rollback is a pointer move)",
      builder: (y) =>
        target(y)
          .positional('stage', { type: 'string', demandOption: true, describe: 'stage name' })
          .option('dry-run', { type: 'boolean', describe: 'print the plan (each AWS call with its arguments) and change nothing' })
          .example('gitway aws push prod --rest-api-id a1b2c3d4e5 --dry-run', 'the calls a push would make')
          .example('gitway aws push prod --rest-api-id a1b2c3d4e5 --region eu-west-1', 'make them'),
      load,
    },
    {
      command: 'pull',
      describe: 'Adopt an API: each deployment a stage serves becomes a deployment on branch aws/<id>, each stage a gitway stage',
      builder: (y) => target(y).example('gitway aws pull --rest-api-id a1b2c3d4e5', 'import the API and its stages'),
      load,
    },
    {
      command: 'status <stage>',
      describe: 'Whether the AWS stage matches gitway\'s, or what differs (exit 1)',
      builder: (y) =>
        target(y)
          .positional('stage', { type: 'string', demandOption: true, describe: 'stage name' })
          .example('gitway aws status prod --rest-api-id a1b2c3d4e5', 'in sync, or the deployment and settings that differ'),
      load,
    },
  ],
} satisfies CommandSpec;
