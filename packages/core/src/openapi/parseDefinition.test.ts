import { describe, expect, it } from 'vitest';
import { exportDefinition, parseDefinition } from './index.js';

const FULL = `openapi: 3.0.1
info: { title: full, description: every extension, version: '1.2', x-owner: team }
servers: [{ url: 'https://example.com/{basePath}', variables: { basePath: { default: /prod } } }]
tags: [{ name: pets, x-amazon-apigateway-tag-value: animals }]
x-amazon-apigateway-importexport-version: '1.0'
x-amazon-apigateway-binary-media-types: [image/png, '*/*']
x-amazon-apigateway-minimum-compression-size: 1024
x-amazon-apigateway-api-key-source: authorizer
x-amazon-apigateway-policy: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: '*', Action: execute-api:Invoke, Resource: '*' }] }
x-amazon-apigateway-endpoint-configuration: { types: [PRIVATE], vpcEndpointIds: [vpce-1], disableExecuteApiEndpoint: true }
x-amazon-apigateway-request-validators:
  all: { validateRequestBody: true, validateRequestParameters: true }
  params: { validateRequestBody: false, validateRequestParameters: true }
x-amazon-apigateway-request-validator: all
x-amazon-apigateway-gateway-responses:
  DEFAULT_4XX: { statusCode: 400, responseParameters: { gatewayresponse.header.X-A: "'a'" }, responseTemplates: { application/json: '{"m":$context.error.messageString}' } }
x-amazon-apigateway-documentation: { version: '1', documentationParts: [{ location: { type: API }, properties: { description: d } }] }
x-custom: { kept: true }
paths:
  /pets/{petId}/:
    summary: one pet
    parameters: [{ $ref: '#/components/parameters/PetId' }]
    get:
      operationId: getPet
      tags: [pets]
      parameters:
        - { name: verbose, in: query, description: more, schema: { type: boolean } }
        - { name: X-Trace, in: header, required: true, schema: { type: string } }
      security: [{ lambda: [] }, { api_key: [] }]
      x-amazon-apigateway-request-validator: params
      responses:
        '200':
          description: ok
          headers: { Access-Control-Allow-Origin: { schema: { type: string } } }
          content: { application/json: { schema: { $ref: '#/components/schemas/Pet' }, example: { id: 1 } } }
        '404': { $ref: '#/components/responses/NotFound' }
      x-amazon-apigateway-integration:
        type: http
        httpMethod: GET
        uri: https://backend/pets/{id}
        connectionType: VPC_LINK
        connectionId: abc
        credentials: arn:aws:iam::1:role/r
        requestParameters: { integration.request.path.id: method.request.path.petId }
        requestTemplates: { application/json: '{}' }
        passthroughBehavior: never
        contentHandling: CONVERT_TO_TEXT
        timeoutInMillis: 5000
        cacheNamespace: ns
        cacheKeyParameters: [method.request.path.petId]
        tlsConfig: { insecureSkipVerification: true }
        integrationSubtype: x
        responses:
          default: { statusCode: '200', responseParameters: { method.response.header.Access-Control-Allow-Origin: "'*'" } }
          '4\\d{2}': { statusCode: '404', contentHandling: CONVERT_TO_BINARY, responseTemplates: { application/json: nf } }
    x-amazon-apigateway-any-method:
      security: [{ sigv4: [] }]
      requestBody: { $ref: '#/components/requestBodies/PetBody' }
      x-amazon-apigateway-integration: { type: AWS_PROXY, httpMethod: POST, uri: 'arn:aws:apigateway:us-east-1:lambda:path/fn' }
components:
  parameters:
    PetId: { name: petId, in: path, required: true, schema: { type: string } }
  responses:
    NotFound: { description: not found, content: { application/json: { schema: { $ref: '#/components/schemas/Error' } } } }
  requestBodies:
    PetBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }
  schemas:
    Pet: { type: object, properties: { id: { type: integer }, owner: { $ref: '#/components/schemas/Owner' } } }
    Owner: { type: object, properties: { pets: { type: array, items: { $ref: '#/components/schemas/Pet' } } } }
    Error: { type: object }
  securitySchemes:
    lambda:
      type: apiKey
      name: Unused
      in: header
      x-amazon-apigateway-authtype: custom
      x-amazon-apigateway-authorizer: { type: request, identitySource: 'method.request.header.Auth, method.request.querystring.t', authorizerUri: arn:fn, authorizerResultTtlInSeconds: 300, enableSimpleResponses: false }
    api_key: { type: apiKey, name: x-api-key, in: header }
    sigv4: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4 }
`;

describe('parseDefinition: every x-amazon-apigateway extension', () => {
  it('maps them onto the model', async () => {
    const api = await parseDefinition({ text: FULL, filename: 'full.yaml' });
    expect(api.restApi).toMatchObject({
      name: 'full', description: 'every extension', version: '1.2', sourceFormat: 'oas30', binaryMediaTypes: ['image/png', '*/*'],
      minimumCompressionSize: 1024, apiKeySource: 'AUTHORIZER', requestValidatorId: 'all',
      endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-1'] },
    });
    expect(api.restApi.extensions).toMatchObject({ 'x-custom': { kept: true }, 'x-amazon-apigateway-importexport-version': '1.0', info: { 'x-owner': 'team' } });
    expect(api.restApi.extensions!['x-amazon-apigateway-endpoint-configuration']).toEqual({ disableExecuteApiEndpoint: true });
    expect(api.requestValidators.params).toEqual({ name: 'params', validateRequestBody: false, validateRequestParameters: true });
    expect(api.gatewayResponses.DEFAULT_4XX).toMatchObject({ statusCode: '400' });
    expect(api.authorizers.lambda).toMatchObject({ type: 'REQUEST', authType: 'custom', authorizerResultTtlInSeconds: 300, extensions: { 'x-amazon-apigateway-authorizer': { enableSimpleResponses: false } } });
    const res = api.resources['/pets/{petId}'];
    expect(res.extensions).toMatchObject({ summary: 'one pet' });
    const get = res.resourceMethods.GET!;
    expect(get).toMatchObject({
      operationName: 'getPet', authorizationType: 'CUSTOM', authorizerId: 'lambda', apiKeyRequired: true, requestValidatorId: 'params',
      requestParameters: { 'method.request.path.petId': true, 'method.request.querystring.verbose': false, 'method.request.header.X-Trace': true },
    });
    expect(get.methodResponses!['200']).toMatchObject({ responseParameters: { 'method.response.header.Access-Control-Allow-Origin': false }, responseModels: { 'application/json': 'Pet' } });
    expect(get.methodResponses!['404'].responseModels).toEqual({ 'application/json': 'Error' });
    expect(get.methodIntegration).toMatchObject({
      type: 'HTTP', connectionType: 'VPC_LINK', passthroughBehavior: 'NEVER', timeoutInMillis: 5000, tlsConfig: { insecureSkipVerification: true },
      cacheKeyParameters: ['method.request.path.petId'], extensions: { integrationSubtype: 'x' },
    });
    expect(get.methodIntegration!.integrationResponses!['4\\d{2}']).toEqual({ statusCode: '404', selectionPattern: '4\\d{2}', contentHandling: 'CONVERT_TO_BINARY', responseTemplates: { 'application/json': 'nf' } });
    const any = res.resourceMethods.ANY!;
    expect(any).toMatchObject({ httpMethod: 'ANY', authorizationType: 'AWS_IAM', requestModels: { 'application/json': 'Pet' } });
    expect(any.methodIntegration!.type).toBe('AWS_PROXY');
    expect(api.models.Owner.schema).toEqual({ type: 'object', properties: { pets: { type: 'array', items: { $ref: '#/components/schemas/Pet' } } } });
  });

  for (const format of ['oas30', 'swagger2'] as const) {
    it(`survives export to ${format} and back`, async () => {
      const api = await parseDefinition({ text: FULL, filename: 'full.yaml' });
      const text = exportDefinition({ api, format, syntax: 'json' });
      expect(text).toContain('"x-amazon-apigateway-integration"');
      const again = await parseDefinition({ text, filename: 'out.json' });
      // Swagger 2 has no per-media-type extras (the OpenAPI 3 media-type \`example\`): documented loss.
      if (format === 'swagger2') delete api.resources['/pets/{petId}'].resourceMethods.GET!.methodResponses!['200'].extensions!.content;
      const strip = (a: typeof api) => ({ ...a, restApi: { ...a.restApi, sourceFormat: undefined, extensions: { ...a.restApi.extensions, servers: undefined, components: undefined } } });
      expect(strip(again)).toEqual(strip(api));
      if (format === 'oas30') expect(again).toEqual(api);
      else expect(text).toContain('"$ref": "#/definitions/Pet"');
    });
  }

  it('exports like get-export: lower-case type and passthrough, any-method key, models', async () => {
    const api = await parseDefinition({ text: FULL, filename: 'full.yaml' });
    const yaml = exportDefinition({ api });
    expect(yaml).toMatch(/^openapi: 3\.0\.1\n/);
    expect(yaml).toContain('x-amazon-apigateway-any-method:');
    expect(yaml).toContain('type: aws_proxy');
    expect(yaml).toContain('passthroughBehavior: never');
    expect(exportDefinition({ api, format: 'swagger2' })).toMatch(/^swagger: "2\.0"\n/);
  });

  it('accepts Swagger 2 in YAML with a numeric version and integer status codes', async () => {
    const api = await parseDefinition({ text: 'swagger: 2.0\ninfo: { title: t }\npaths:\n  /:\n    get:\n      responses: { 200: { description: ok } }\n      x-amazon-apigateway-integration: { type: MOCK, responses: { default: { statusCode: 200 } } }\n', filename: 's.yaml' });
    expect(api.restApi.sourceFormat).toBe('swagger2');
    expect(api.resources['/'].resourceMethods.GET!.methodResponses!['200'].statusCode).toBe('200');
    expect(api.resources['/'].resourceMethods.GET!.methodIntegration!.integrationResponses!.default.statusCode).toBe('200');
  });
});
