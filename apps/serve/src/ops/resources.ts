import type { Api, HttpMethod } from '@gitway/core';
import { notFound } from '../errors.js';
import { currentApi, integrationToWire, methodToWire, resourceId, resourcePaths, resourceToWire } from '../wire.js';
import type { Operation } from './context.js';

/** The path of a resource id of the working definition; 404 as AWS words it. */
export function resourcePathOf(api: Api, id: string): string {
  const found = resourcePaths(api).find((p) => resourceId(p) === id);
  if (found === undefined) throw notFound('Invalid Resource identifier specified');
  return found;
}

export function methodOf(api: Api, resourcePath: string, httpMethod: string) {
  const method = api.resources[resourcePath]?.resourceMethods[httpMethod.toUpperCase() as HttpMethod];
  if (!method) throw notFound('Invalid Method identifier specified');
  return method;
}

export const GetResources: Operation = async (ctx) => {
  const api = await currentApi(ctx.repo);
  const embed = ctx.query.getAll('embed').includes('methods');
  return { body: { item: resourcePaths(api).map((p) => resourceToWire(api, p, embed)) } };
};

export const GetResource: Operation = async (ctx) => {
  const api = await currentApi(ctx.repo);
  return { body: resourceToWire(api, resourcePathOf(api, ctx.params.resourceId), ctx.query.getAll('embed').includes('methods')) };
};

export const GetMethod: Operation = async (ctx) => {
  const api = await currentApi(ctx.repo);
  return { body: methodToWire(methodOf(api, resourcePathOf(api, ctx.params.resourceId), ctx.params.httpMethod)) };
};

export const GetIntegration: Operation = async (ctx) => {
  const api = await currentApi(ctx.repo);
  const method = methodOf(api, resourcePathOf(api, ctx.params.resourceId), ctx.params.httpMethod);
  if (!method.methodIntegration) throw notFound('No integration defined for method');
  return { body: integrationToWire(method.methodIntegration) };
};
