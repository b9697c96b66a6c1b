import type { CommandSpec } from '../spec.js';

const load = () => import('../commands/stage.js');
const name = { type: 'string', demandOption: true, describe: 'stage name' } as const;

export default {
  command: 'stage',
  describe: 'List, show, create, update, delete stages and show their history',
  subcommands: [
    {
      command: 'list',
      describe: 'List stages and the deployment each serves',
      builder: (y) =>
        y
          .option('deployment', { alias: 'd', type: 'string', describe: 'only the stages serving this deployment (any revision)' })
          .example('gitway stage list --json', '{"item": [Stage, ...]} as get-stages returns')
          .example('gitway stage list --deployment main~1', 'stages still on the previous deployment'),
      load,
    },
    {
      command: 'show <name>',
      describe: 'Show a stage (the Stage resource)',
      builder: (y) => y.positional('name', name).example('gitway stage show prod --json', 'the Stage resource as get-stage returns it'),
      load,
    },
    {
      command: 'create <name>',
      describe: 'Create a stage pointing at a deployment',
      builder: (y) =>
        y
          .positional('name', name)
          .option('deployment', { alias: 'd', type: 'string', demandOption: true, describe: 'revision of the deployment to serve' })
          .option('description', { type: 'string' })
          .option('variables', { type: 'string', describe: 'stage variables k=v,k2=v2' })
          .option('variable', { type: 'string', array: true, describe: 'one stage variable k=v; the value may contain commas (repeatable)' })
          .option('cache-cluster-size', { type: 'string', describe: 'enable the cache cluster with this size (GB): 0.5 1.6 6.1 13.5 28.4 58.2 118 237' })
          .option('tracing', { type: 'boolean', describe: 'enable X-Ray tracing (tracingEnabled)' })
          .option('tags', { type: 'string', describe: 'stage tags k=v,k2=v2' })
          .option('documentation-version', { type: 'string', describe: 'the documentation version of the stage' })
          .option('canary', { type: 'number', describe: 'start with a canary taking this percentTraffic (0-100)' })
          .option('canary-deployment', { type: 'string', describe: "the canary's deployment (default: the stage's)" })
          .option('canary-variables', { type: 'string', describe: 'canary stageVariableOverrides k=v,k2=v2' })
          .example('gitway stage create dev --deployment main --variables backend=http://127.0.0.1:9000', 'a dev stage on the tip of main')
          .example("gitway stage create prod -d main --variable 'hosts=a.example,b.example' --tags team=pets --cache-cluster-size 0.5", 'a comma in a value, tags, a cache'),
      load,
    },
    {
      command: 'update <name>',
      describe: 'Update a stage with friendly flags or AWS patch operations (one new stage state)',
      builder: (y) =>
        y
          .positional('name', name)
          .option('patch', { type: 'string', array: true, describe: 'patch operation, op=replace,path=/variables/x,value=1 (repeatable)' })
          .option('patch-file', { type: 'string', describe: 'JSON file with patch operations ([{op,path,value}] or {patchOperations:[...]})' })
          .option('variables', { type: 'string', describe: 'set stage variables k=v,k2=v2' })
          .option('variable', { type: 'string', array: true, describe: 'set one stage variable k=v; the value may contain commas (repeatable)' })
          .option('unset-variable', { type: 'string', array: true, describe: 'remove a stage variable (repeatable)' })
          .option('deployment', { alias: 'd', type: 'string', describe: 'change the active deployment (any revision)' })
          .option('description', { type: 'string' })
          .example("gitway stage update prod --patch 'op=replace,path=/*/*/throttling/rateLimit,value=100'", 'throttle every method of prod')
          .example('gitway stage update dev --variables backend=http://127.0.0.1:9001 --unset-variable debug', 'edit variables'),
      load,
    },
    {
      command: 'diff <from> <to>',
      describe: 'What changed between two stage states (STAGE, STAGE@{N} or a stage commit id)',
      builder: (y) =>
        y
          .positional('from', { type: 'string', demandOption: true, describe: 'stage state A' })
          .positional('to', { type: 'string', demandOption: true, describe: 'stage state B' })
          .option('format', { type: 'string', choices: ['human', 'aws-patch'], default: 'human', describe: 'aws-patch: the update-stage patch operations that turn A into B' })
          .example("gitway stage diff 'prod@{1}' prod --format aws-patch > patch.json", 'then: gitway stage update other --patch-file patch.json'),
      load,
    },
    {
      command: 'tag <name> <tags..>',
      describe: 'Add or change stage tags (TagResource)',
      builder: (y) =>
        y
          .positional('name', name)
          .positional('tags', { type: 'string', array: true, demandOption: true, describe: 'key=value (repeatable)' })
          .example('gitway stage tag prod team=payments cost=api', 'tag prod'),
      load,
    },
    {
      command: 'untag <name> <keys..>',
      describe: 'Remove stage tags (UntagResource)',
      builder: (y) =>
        y.positional('name', name).positional('keys', { type: 'string', array: true, demandOption: true, describe: 'tag keys' }).example('gitway stage untag prod cost', 'drop the cost tag'),
      load,
    },
    {
      command: 'tags <name>',
      describe: "List a stage's tags (GetTags)",
      builder: (y) => y.positional('name', name).example('gitway stage tags prod --json', '{"tags": {...}}'),
      load,
    },
    {
      command: 'flush-cache <name>',
      describe: "Flush the stage's response cache (FlushStageCache): recorded as a stage commit; gitway preview rebuilds the stage",
      builder: (y) =>
        y
          .positional('name', name)
          .option('authorizers', { type: 'boolean', describe: 'flush the authorizers cache instead (FlushStageAuthorizersCache)' })
          .example('gitway stage flush-cache prod', 'start prod with an empty cache'),
      load,
    },
    {
      command: 'delete <name>',
      describe: 'Delete a stage (its deployments stay on their branches)',
      builder: (y) => y.positional('name', name).example('gitway stage delete dev', 'remove stage dev'),
      load,
    },
    {
      command: 'history <name>',
      describe: "A stage's own history: every state, newest first (who moved it where, when)",
      builder: (y) =>
        y
          .positional('name', name)
          .option('max-count', { alias: 'n', type: 'number', describe: 'show at most N states' })
          .example('gitway stage history prod -n 5', 'the last five changes to prod'),
      load,
    },
  ],
} satisfies CommandSpec;
