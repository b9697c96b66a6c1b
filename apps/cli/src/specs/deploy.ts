import type { CommandSpec } from '../spec.js';

export default {
  command: 'deploy',
  describe: 'Deploy the working definition: a new deployment (commit) on the current branch',
  builder: (y) =>
    y
      .option('file', { alias: 'f', type: 'string', describe: 'deploy this file instead of the working definition' })
      .option('message', { alias: 'm', type: 'string', describe: 'deployment description' })
      .option('stage', { alias: 's', type: 'string', describe: 'also point this stage at the deployment (created if missing)' })
      .option('variables', { type: 'string', describe: 'stage variables to set, k=v,k2=v2' })
      .option('variable', { type: 'string', array: true, describe: 'one stage variable k=v; the value may contain commas (repeatable)' })
      .option('stage-description', { type: 'string', describe: "description of the --stage stage" })
      .option('cache-cluster-size', { type: 'string', describe: "enable --stage's cache cluster with this size (GB)" })
      .option('tracing', { type: 'boolean', describe: "set --stage's tracingEnabled" })
      .option('tags', { type: 'string', describe: 'tags for --stage, k=v,k2=v2 (merged over its tags)' })
      .option('documentation-version', { type: 'string', describe: "--stage's documentation version" })
      .option('canary', { type: 'number', describe: "put the deployment on --stage's canary with this percentTraffic (0-100) instead of making it active" })
      .option('canary-variables', { type: 'string', describe: 'canary stageVariableOverrides, k=v,k2=v2 (with --canary)' })
      .option('allow-empty', { type: 'boolean', describe: 'create a deployment even if the API is unchanged' })
      .example('gitway deploy -m "v2" --stage prod', 'deploy and move prod to it')
      .example('gitway deploy -m "v3" --stage prod --canary 10 --canary-variables backend=http://127.0.0.1:9001', 'canary release: 10 % of prod traffic to v3')
      .example('gitway deploy -f api.v3.yaml --stage dev --variables backend=http://127.0.0.1:9000', 'deploy a file onto dev')
      .example("gitway deploy --stage qa --stage-description 'QA' --tags team=pets --tracing --variable 'hosts=a,b'", 'create qa with its settings'),
  load: () => import('../commands/deploy.js'),
} satisfies CommandSpec;
