import type { CommandSpec } from '../spec.js';

export default {
  command: 'serve',
  describe: "Serve API Gateway's control-plane API (for the AWS CLI/SDKs, --endpoint-url) and every stage, over a directory of repositories",
  builder: (y) =>
    y
      .option('root', { type: 'string', default: '.', describe: 'directory of gitway repositories, one per REST API (or one repository)' })
      .option('port', { alias: 'p', type: 'number', default: 4566, describe: 'port (0 = any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'address to bind (loopback by default; any other needs --credentials)' })
      .option('credentials', { type: 'string', describe: 'JSON file {"ACCESS_KEY_ID": "SECRET", ...}: every control-plane request must carry a valid SigV4 signature by one of them' })
      .option('handlers', { type: 'string', describe: 'JS module whose default export maps Lambda function names/ARNs to handlers for AWS_PROXY integrations' })
      .example('gitway serve --root ./apis', 'then: aws apigateway get-rest-apis --endpoint-url http://127.0.0.1:4566')
      .example('gitway serve --host 0.0.0.0 --credentials keys.json', 'listen on every interface, verifying SigV4 signatures'),
  load: () => import('../commands/serve.js'),
  needsRepo: false,
} satisfies CommandSpec;
