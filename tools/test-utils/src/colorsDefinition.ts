/**
 * A small OpenAPI 3 definition for AWS-facing tests (gitway serve, gitway aws): MOCK methods
 * whose answers show the API version and the stage variable `color` (/color), the API id and
 * stage (/whoami) and a path parameter (/pets/{petId}).
 */
export function colorsDefinition(version: string, extraPaths: Record<string, unknown> = {}): string {
  const mock = (body: string) => ({
    responses: { '200': { description: 'ok' } },
    'x-amazon-apigateway-integration': {
      type: 'mock',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      responses: { default: { statusCode: '200', responseTemplates: { 'application/json': body } } },
      passthroughBehavior: 'when_no_match',
    },
  });
  return JSON.stringify({
    openapi: '3.0.1',
    info: { title: 'colors', version },
    paths: {
      '/color': { get: mock(`{"version": "${version}", "color": "$stageVariables.color"}`) },
      '/whoami': { get: mock('{"api": "$context.apiId", "stage": "$context.stage"}') },
      '/pets/{petId}': { get: { ...mock(`{"version": "${version}", "pet": "$input.params('petId')"}`), parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }] } },
      ...extraPaths,
    },
  });
}
