import { parseDefinition, workingDefinitionFile, writeWorkingDefinition, type Api, type RestApi } from '@gitway/core';
import { badRequest } from '../errors.js';
import { parseBody } from '../body.js';
import { currentApi, restApiToWire } from '../wire.js';
import type { Operation } from './context.js';

const emptyApi = (restApi: RestApi): Api => ({ restApi, resources: {}, models: {}, authorizers: {}, requestValidators: {}, gatewayResponses: {} });

/**
 * CreateRestApi: a new repository `ROOT/<restApiId>/` whose working definition holds the API's
 * fields and no resources. `tags` and `disableExecuteApiEndpoint` are accepted and not kept
 * (gitway tags stages; the local data plane is always on).
 */
export const CreateRestApi: Operation = async (ctx) => {
  const b = parseBody(ctx.name, ctx.body, {
    name: 'string', description: 'string', version: 'string', cloneFrom: 'string', binaryMediaTypes: 'list', minimumCompressionSize: 'number',
    apiKeySource: 'string', endpointConfiguration: 'object', policy: 'string', tags: 'stringMap', disableExecuteApiEndpoint: 'boolean',
  });
  if (!b.name) throw badRequest('Invalid request body for CreateRestApi: name is required');
  if (b.cloneFrom) throw badRequest('cloneFrom is not supported by gitway serve (clone the repository with gitway clone)');
  if (b.apiKeySource !== undefined && b.apiKeySource !== 'HEADER' && b.apiKeySource !== 'AUTHORIZER') throw badRequest(`Invalid apiKeySource: ${b.apiKeySource} (HEADER or AUTHORIZER)`);
  const restApi: RestApi = { name: b.name, sourceFormat: 'oas30' };
  for (const k of ['description', 'version', 'binaryMediaTypes', 'minimumCompressionSize', 'apiKeySource', 'endpointConfiguration'] as const) if (b[k] !== undefined) (restApi as any)[k] = b[k];
  if (b.policy !== undefined) {
    try {
      restApi.policy = JSON.parse(b.policy);
    } catch {
      throw badRequest('Invalid policy document: not JSON');
    }
  }
  const repo = await ctx.registry.create('api.yaml', (r) => writeWorkingDefinition({ ...r, api: emptyApi(restApi) }).then(() => undefined));
  return { body: restApiToWire(repo, await currentApi(repo)) };
};

export const GetRestApi: Operation = async (ctx) => ({ body: restApiToWire(ctx.repo, await currentApi(ctx.repo)) });

export const GetRestApis: Operation = async (ctx) => {
  await ctx.registry.scan();
  const items = [];
  for (const repo of ctx.registry.list()) items.push(restApiToWire(repo, await currentApi(repo)));
  return { body: { item: items } };
};

export const DeleteRestApi: Operation = async (ctx) => {
  await ctx.registry.remove(ctx.repo, ctx.now());
  return {};
};

/** The definition in a request body (ImportRestApi, PutRestApi), parsed with the file's place in errors. */
async function bodyDefinition(ctx: { name: string; body: Buffer }): Promise<{ api: Api; text: string; json: boolean }> {
  const text = ctx.body.toString('utf8');
  if (!text.trim()) throw badRequest(`Invalid request body for ${ctx.name}: the body must be an OpenAPI 3.0 or Swagger 2.0 definition (JSON or YAML)`);
  const json = text.trimStart().startsWith('{');
  return { api: await parseDefinition({ text, filename: `${ctx.name} body` }), text, json };
}

/** ImportRestApi: a new repository whose working definition is the body, verbatim. Nothing is deployed. */
export const ImportRestApi: Operation = async (ctx) => {
  const def = await bodyDefinition(ctx);
  const repo = await ctx.registry.create(def.json ? 'api.json' : 'api.yaml', (r) => writeWorkingDefinition({ ...r, text: def.text }).then(() => undefined));
  return { body: restApiToWire(repo, def.api) };
};

/**
 * PutRestApi: changes the working definition only (as on AWS, nothing is live until a
 * deployment). `overwrite` replaces it (verbatim when the body's syntax is the file's);
 * `merge` (AWS's default) adds the body's resources, methods, models, authorizers,
 * validators and gateway responses over the current ones, keeping the API's own fields.
 */
export const PutRestApi: Operation = async (ctx) => {
  const mode = ctx.query.get('mode') ?? 'merge';
  if (mode !== 'overwrite' && mode !== 'merge') throw badRequest(`Invalid mode: ${mode} (overwrite or merge)`);
  const def = await bodyDefinition(ctx);
  let api = def.api;
  if (mode === 'merge') api = mergeApi(await currentApi(ctx.repo), def.api);
  const isJson = /\.json$/i.test(await workingDefinitionFile(ctx.repo));
  if (mode === 'overwrite' && isJson === def.json) await writeWorkingDefinition({ ...ctx.repo, text: def.text });
  else await writeWorkingDefinition({ ...ctx.repo, api });
  return { body: restApiToWire(ctx.repo, api), wrote: true };
};

function mergeApi(base: Api, incoming: Api): Api {
  const resources = { ...base.resources };
  for (const [p, r] of Object.entries(incoming.resources)) {
    resources[p] = { ...resources[p], ...r, resourceMethods: { ...resources[p]?.resourceMethods, ...r.resourceMethods } };
  }
  return {
    restApi: base.restApi,
    resources,
    models: { ...base.models, ...incoming.models },
    authorizers: { ...base.authorizers, ...incoming.authorizers },
    requestValidators: { ...base.requestValidators, ...incoming.requestValidators },
    gatewayResponses: { ...base.gatewayResponses, ...incoming.gatewayResponses },
  };
}
