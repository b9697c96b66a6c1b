import path from 'node:path';
import { createHash } from 'node:crypto';
import { readDeployment, readWorkingDefinition, type Api, type Deployment, type Integration, type Method, type Stage } from '@gitway/core';
import type { ApiRepo } from './registry.js';

/** restJson1 timestamps are epoch seconds. */
export const epoch = (iso: string | number): number => (typeof iso === 'number' ? iso : Date.parse(iso)) / 1000;

/** Drops undefined members and `extensions` (gitway's own keeping of unmodelled OpenAPI). */
function clean<T extends object>(o: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && k !== 'extensions') out[k] = v;
  return out as Partial<T>;
}

/** The Stage resource as API Gateway sends it. */
export function stageToWire(stage: Stage): Record<string, unknown> {
  return { ...clean(stage), createdDate: epoch(stage.createdDate), lastUpdatedDate: epoch(stage.lastUpdatedDate) };
}

/** The Deployment resource. */
export function deploymentToWire(d: Pick<Deployment, 'id' | 'description' | 'createdDate'>): Record<string, unknown> {
  return { id: d.id, ...(d.description ? { description: d.description } : {}), createdDate: epoch(d.createdDate) };
}

/** The REST API's definition as the control plane sees it: the working definition, else the current branch tip. */
export async function currentApi(repo: ApiRepo): Promise<Api> {
  const working = await readWorkingDefinition(repo);
  if (working) return working.api;
  const tip = await readDeployment({ ...repo, rev: 'HEAD' }).catch(() => null);
  return tip?.api ?? { restApi: { name: path.basename(repo.dir) }, resources: {}, models: {}, authorizers: {}, requestValidators: {}, gatewayResponses: {} };
}

/** API Gateway ids are 10 characters [a-z0-9]: a resource's is derived from its path, so it is stable. */
export const resourceId = (resourcePath: string): string => createHash('sha1').update(resourcePath).digest('hex').slice(0, 10);

/** The RestApi resource. */
export function restApiToWire(repo: ApiRepo, api: Api): Record<string, unknown> {
  const r = api.restApi;
  return {
    id: repo.restApiId,
    name: r.name,
    ...(r.description !== undefined ? { description: r.description } : {}),
    ...(r.version !== undefined ? { version: r.version } : {}),
    createdDate: Math.floor(repo.createdDate / 1000),
    ...(r.binaryMediaTypes ? { binaryMediaTypes: r.binaryMediaTypes } : {}),
    ...(r.minimumCompressionSize !== undefined ? { minimumCompressionSize: r.minimumCompressionSize } : {}),
    apiKeySource: r.apiKeySource ?? 'HEADER',
    endpointConfiguration: r.endpointConfiguration ?? { types: ['EDGE'] },
    ...(r.policy !== undefined ? { policy: typeof r.policy === 'string' ? r.policy : JSON.stringify(r.policy) } : {}),
    rootResourceId: resourceId('/'),
    disableExecuteApiEndpoint: false,
  };
}

/** Every resource of the API with its ancestors (API Gateway has a resource per path prefix), by path. */
export function resourcePaths(api: Api): string[] {
  const paths = new Set<string>(['/']);
  for (const p of Object.keys(api.resources)) {
    const segs = p.split('/').filter(Boolean);
    for (let i = 1; i <= segs.length; i++) paths.add(`/${segs.slice(0, i).join('/')}`);
  }
  return [...paths].sort();
}

export function integrationToWire(i: Integration): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [key, r] of Object.entries(i.integrationResponses ?? {})) {
    responses[r.statusCode] = clean({ ...r, selectionPattern: r.selectionPattern ?? (key === 'default' ? undefined : key) });
  }
  return { ...clean(i), ...(i.integrationResponses ? { integrationResponses: responses } : {}) };
}

export function methodToWire(m: Method): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [code, r] of Object.entries(m.methodResponses ?? {})) responses[code] = clean(r);
  return {
    ...clean(m),
    apiKeyRequired: m.apiKeyRequired ?? false,
    ...(m.methodResponses ? { methodResponses: responses } : {}),
    ...(m.methodIntegration ? { methodIntegration: integrationToWire(m.methodIntegration) } : {}),
  };
}

/** The Resource resource; with `embed`, its methods in full (GetResources ?embed=methods). */
export function resourceToWire(api: Api, resourcePath: string, embed: boolean): Record<string, unknown> {
  const segs = resourcePath.split('/').filter(Boolean);
  const parent = segs.length ? `/${segs.slice(0, -1).join('/')}` : null;
  const methods = api.resources[resourcePath]?.resourceMethods ?? {};
  const resourceMethods: Record<string, unknown> = {};
  for (const [verb, m] of Object.entries(methods)) resourceMethods[verb] = embed ? methodToWire(m!) : {};
  return {
    id: resourceId(resourcePath),
    ...(parent !== null ? { parentId: resourceId(parent), pathPart: segs.at(-1) } : {}),
    path: resourcePath,
    ...(Object.keys(resourceMethods).length ? { resourceMethods } : {}),
  };
}
