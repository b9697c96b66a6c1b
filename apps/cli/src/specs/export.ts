import type { CommandSpec } from '../spec.js';

export default {
  command: 'export <rev>',
  describe: 'Export a deployment as OpenAPI 3.0 or Swagger 2.0 with x-amazon-apigateway extensions',
  builder: (y) =>
    y
      .positional('rev', { type: 'string', demandOption: true, describe: 'revision to export' })
      .option('format', { type: 'string', choices: ['oas30', 'swagger2', 'aws'], describe: 'output format (default: the format the API was written in); aws: files for the aws CLI, into --out DIR' })
      .option('stage', { type: 'string', describe: 'with --format aws: also the update-stage input for this stage\'s settings' })
      .option('yaml', { type: 'boolean', describe: 'YAML output (the default, also for --out files not named *.json)' })
      .conflicts('yaml', 'json-output')
      .option('json-output', { type: 'boolean', describe: 'JSON output (as --json does; the default for --out *.json)' })
      .option('out', { alias: 'o', type: 'string', describe: 'write to this file instead of stdout' })
      .example('gitway export prod --format oas30 --out prod.yaml', "write prod's API to prod.yaml")
      .example('gitway export main~1 --format swagger2 --json', 'Swagger 2.0 JSON of the previous deployment on stdout')
      .example('gitway export prod --out prod.json', 'OpenAPI JSON into prod.json')
      .example('gitway export prod --format aws --stage prod --out aws/', 'put-rest-api, create-deployment and update-stage inputs for real API Gateway'),
  load: () => import('../commands/export.js'),
} satisfies CommandSpec;
