import type { CommandSpec } from '../spec.js';

export default {
  command: 'preview',
  describe: 'Serve every stage over HTTP as API Gateway would, at http://HOST:PORT/<stage>/<path>',
  builder: (y) =>
    y
      .option('port', { alias: 'p', type: 'number', default: 4010, describe: 'port (0 = any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'address to bind (loopback by default)' })
      .option('handlers', { type: 'string', describe: 'JS module whose default export maps Lambda function names/ARNs to handlers for AWS_PROXY integrations' })
      .option('api-key', { type: 'string', array: true, describe: 'an API key apiKeyRequired methods accept (repeatable; default: any non-empty x-api-key)' })
      .option('dashboard-token', { type: 'string', describe: 'token the dashboard requires on a non-loopback --host (also $GITWAY_DASHBOARD_TOKEN); without it the dashboard is off there' })
      .option('allowed-host', { type: 'string', array: true, describe: 'a Host name the dashboard answers besides loopback names and the bound address (repeatable)' })
      .option('access-log', { type: 'boolean', default: true, describe: "print access log lines in each stage's accessLogSettings format" })
      .option('execution-log', { type: 'string', describe: 'append execution log lines (methods whose stage loggingLevel is INFO or ERROR) to FILE instead of stderr' })
      .option('blocked-limit', { type: 'number', default: 5000, describe: "ms a stage's gateway may hold its worker thread before the worker is terminated (its requests answer 504) and restarted; 0 serves every stage on the main thread" })
      .example('gitway preview', 'serve http://127.0.0.1:4010/prod/..., /dev/..., reloading stages as they move')
      .example('gitway preview --handlers ./lambdas.mjs', 'AWS_PROXY integrations and Lambda authorizers call local functions')
      .example('gitway preview --api-key dev-key-1', 'apiKeyRequired methods accept only x-api-key: dev-key-1')
      .example("gitway stage update prod --patch 'op=replace,path=/*/*/logging/loglevel,value=INFO' && gitway preview", 'print API Gateway-style execution log lines for every prod request')
      .example('gitway preview --host 0.0.0.0 --dashboard-token s3cret --allowed-host preview.lan', 'serve the LAN; the dashboard needs the token (open /_gitway/?token=s3cret)'),
  load: () => import('../commands/preview.js'),
} satisfies CommandSpec;
