import { newStage } from '@gitway/core/internal';
import { createGateway } from '@gitway/runtime';
import { badRequest } from '../errors.js';
import { parseBody } from '../body.js';
import { currentApi } from '../wire.js';
import { methodOf, resourcePathOf } from './resources.js';
import type { Operation } from './context.js';

/**
 * TestInvokeMethod: runs one request through the method of the working definition (as the
 * console's Test does, before any deployment) with the runtime's testInvoke: no throttling,
 * authorizers or API keys; the request's stageVariables are the stage's. Answers status,
 * body, headers, latency and API Gateway's execution log.
 */
export const TestInvokeMethod: Operation = async (ctx) => {
  const b = parseBody(ctx.name, ctx.body, {
    pathWithQueryString: 'string', body: 'string', headers: 'stringMap', multiValueHeaders: 'object', clientCertificateId: 'string', stageVariables: 'stringMap',
  });
  const api = await currentApi(ctx.repo);
  const resourcePath = resourcePathOf(api, ctx.params.resourceId);
  const method = methodOf(api, resourcePath, ctx.params.httpMethod);
  for (const [name, values] of Object.entries(b.multiValueHeaders ?? {})) {
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) throw badRequest(`Invalid request body for TestInvokeMethod: 'multiValueHeaders.${name}' must be a list of strings`);
  }
  const pathWithQueryString = b.pathWithQueryString ?? resourcePath;
  if (!pathWithQueryString.startsWith('/')) throw badRequest(`Invalid pathWithQueryString '${pathWithQueryString}': it must start with '/'`);
  const now = new Date(ctx.now()).toISOString();
  const gateway = createGateway({ api, stage: newStage('test-invoke-stage', '0'.repeat(40), now), handlers: ctx.handlers, now: ctx.now, apiId: ctx.repo.restApiId });
  const result = await gateway.testInvoke({
    httpMethod: method.httpMethod === 'ANY' ? ctx.params.httpMethod.toUpperCase() : method.httpMethod,
    pathWithQueryString,
    headers: b.headers,
    multiValueHeaders: b.multiValueHeaders,
    body: b.body,
    stageVariables: b.stageVariables,
  });
  return { body: result };
};
