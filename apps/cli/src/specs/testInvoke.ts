import type { CommandSpec } from '../spec.js';

export default {
  command: 'test-invoke <stage> <method> <path>',
  describe: "Run one request through a stage without a client, as the console's Test does (TestInvokeMethod), and print the execution log",
  builder: (y) =>
    y
      .positional('stage', { type: 'string', demandOption: true, describe: 'stage name' })
      .positional('method', { type: 'string', demandOption: true, describe: 'HTTP method: GET, POST, ...' })
      .positional('path', { type: 'string', demandOption: true, describe: "the resource path with values filled in, e.g. /pets/7 (a '?query' may follow)" })
      .option('query', { type: 'string', array: true, describe: 'query string parameter k=v (repeatable)' })
      .option('header', { type: 'string', array: true, describe: 'request header name:value (repeatable)' })
      .option('body', { type: 'string', describe: 'request body: text, or @FILE to read it from a file' })
      .option('variables', { type: 'string', array: true, describe: "stage variable overrides k=v,k2=v2 (repeatable), merged over the stage's" })
      .option('canary', { type: 'boolean', describe: "run against the stage's canary deployment with its variable overrides" })
      .option('handlers', { type: 'string', describe: 'JS module whose default export maps Lambda function names/ARNs to handlers for AWS_PROXY integrations' })
      .example('gitway test-invoke prod GET /pets/7 --query limit=2', 'status, latency, headers, body, then the execution log')
      .example('gitway test-invoke dev POST /pets --header content-type:application/json --body @pet.json --json', "TestInvokeMethod's answer as JSON")
      .example('gitway test-invoke prod GET /pets/7 --variables backend=http://127.0.0.1:9001', 'try another backend without changing the stage'),
  load: () => import('../commands/testInvoke.js'),
} satisfies CommandSpec;
