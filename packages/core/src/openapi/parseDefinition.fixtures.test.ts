import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Api } from '../models/types.js';
import { validateApi } from '../models/apiSchema.js';
import { exportDefinition, parseDefinition } from './index.js';

const dir = new URL('../../test/fixtures/openapi/', import.meta.url);
const files = readdirSync(dir).filter((f) => /\.(json|ya?ml)$/.test(f)).sort();

/** What is documented not to cross formats (see exportDefinition): drop it from both sides. */
function withoutFormatSpecific(api: Api): Api {
  const a = structuredClone(api);
  delete a.restApi.sourceFormat;
  const ext = a.restApi.extensions ?? {};
  for (const k of ['host', 'basePath', 'schemes', 'consumes', 'produces', 'servers', 'components', 'parameters', 'responses']) delete ext[k];
  if (Object.keys(ext).length === 0) delete a.restApi.extensions;
  for (const r of Object.values(a.resources)) {
    for (const m of Object.values(r.resourceMethods)) {
      const me = m!.extensions ?? {};
      for (const k of ['consumes', 'produces', 'schemes', 'servers', 'callbacks']) delete me[k];
      if (me.requestBody && typeof me.requestBody === 'object') {
        delete (me.requestBody as Record<string, unknown>).name;
        if (Object.keys(me.requestBody).length === 0) delete me.requestBody;
      }
      if (Object.keys(me).length === 0) delete m!.extensions;
    }
  }
  return a;
}

describe('real-world definitions (test/fixtures/openapi, see SOURCES.md)', () => {
  it('has the fixtures', () => expect(files.length).toBeGreaterThanOrEqual(12));

  for (const file of files) {
    it(`${file}: import -> export (both formats, yaml and json) -> import is lossless`, async () => {
      const api = await parseDefinition({ text: readFileSync(new URL(file, dir), 'utf8'), filename: file });
      expect(() => validateApi(api)).not.toThrow();
      expect(Object.keys(api.resources).length).toBeGreaterThan(0);
      const source = api.restApi.sourceFormat!;
      expect(source).toBe(/"swagger"|^swagger:/m.test(readFileSync(new URL(file, dir), 'utf8')) ? 'swagger2' : 'oas30');
      for (const syntax of ['yaml', 'json'] as const) {
        const same = exportDefinition({ api, syntax });
        const again = await parseDefinition({ text: same, filename: `out.${syntax}` });
        expect(again).toEqual(api);
        expect(exportDefinition({ api: again, syntax })).toBe(same); // deterministic, idempotent
      }
      const other = source === 'oas30' ? 'swagger2' : 'oas30';
      const crossed = await parseDefinition({ text: exportDefinition({ api, format: other }), filename: 'out.yaml' });
      expect(crossed.restApi.sourceFormat).toBe(other);
      expect(withoutFormatSpecific(crossed)).toEqual(withoutFormatSpecific(api));
      const back = await parseDefinition({ text: exportDefinition({ api: crossed, format: source }), filename: 'back.yaml' });
      expect(withoutFormatSpecific(back)).toEqual(withoutFormatSpecific(api));
    });
  }

  it('reads integrations, ANY, validators, authorizers and models from the fixtures', async () => {
    const read = (f: string) => parseDefinition({ text: readFileSync(new URL(f, dir), 'utf8'), filename: f });
    const mock = await read('localstack__localstack__tests__aws__files__openapi-mock.json');
    const any = mock.resources['/echo/{data}'].resourceMethods.ANY!;
    expect(any.methodIntegration).toMatchObject({ type: 'MOCK', passthroughBehavior: 'WHEN_NO_TEMPLATES' });
    expect(any.methodResponses!['200'].responseModels).toEqual({ 'application/json': 'Empty' });
    const yaml = await read('localstack__localstack__tests__aws__files__openapi-method-int.spec.yaml');
    expect(yaml.resources['/test'].resourceMethods.GET!.methodIntegration!.integrationResponses!.default.statusCode).toBe('200');
    const validation = await read('awsdocs__amazon-api-gateway-developer-guide__doc_source__api-gateway-request-validation-sample-api-swagger.md__codeblock0.json');
    expect(Object.keys(validation.requestValidators).length).toBeGreaterThan(0);
    const cognito = await read('localstack__localstack__tests__aws__files__openapi.cognito-auth.json');
    expect(cognito.authorizers['cognito-test-identity-source'].type).toBe('COGNITO_USER_POOLS');
    expect(cognito.resources['/default-scope-override'].resourceMethods.GET).toMatchObject({ authorizationType: 'COGNITO_USER_POOLS', authorizationScopes: ['openid'] });
    expect(cognito.resources['/pets'].resourceMethods.GET).toMatchObject({ authorizerId: 'cognito-test-identity-source', authorizationScopes: ['email'] });
    const circular = await read('localstack__localstack__tests__aws__files__openapi.spec.circular-ref.json');
    expect(circular.models.House.schema).toMatchObject({ properties: { contains: { items: { $ref: '#/components/schemas/Person' } } } });
    const token = await read('localstack__localstack__tests__aws__files__petstore-authorizer.swagger.json');
    expect(token.authorizers['test-authorizer']).toMatchObject({ type: 'TOKEN', identitySource: 'method.request.header.Authorization', authorizerResultTtlInSeconds: 60 });
    expect(token.models.Pets.schema).toEqual({ type: 'array', items: { $ref: '#/components/schemas/Pet' } });
  });
});
