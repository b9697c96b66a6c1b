import type { Api, Authorizer, Method } from '@gitway/core';
import type { RequestContext } from './createRequestContext.js';
import { GatewayError } from './GatewayError.js';
import { callHandler } from './integrations/callHandler.js';
import { findHandler } from './integrations/findHandler.js';
import type { LambdaHandler } from './types.js';
import type { VtlParams } from './vtl/createVtlInput.js';

/** One routed request, as the authorization step needs it. */
export interface AuthorizationRequest {
  api: Api;
  method: Method;
  resourcePath: string;
  path: string;
  headers: Record<string, string>;
  params: VtlParams;
  stageVariables: Record<string, string>;
  context: RequestContext;
  handlers: Record<string, LambdaHandler>;
  now: () => number;
  log: (line: string) => void;
  /** Valid API keys; when absent any non-empty key is accepted (no usage plans locally). */
  apiKeys?: ReadonlySet<string>;
  /** Authorizer results kept for `authorizerResultTtlInSeconds` (one per stage snapshot); absent: every request calls the authorizer. */
  results?: AuthorizerResults;
}

/** A Lambda authorizer's valid answer, kept by authorizer and identity values until `expires` (epoch ms). */
interface AuthorizerResult {
  expires: number;
  principalId: string;
  statements: Record<string, unknown>[];
  context: Record<string, unknown>;
  usageIdentifierKey?: string;
}
/** Cached authorizer results of one stage snapshot. */
export type AuthorizerResults = Map<string, AuthorizerResult>;
/** At most this many cached authorizer results per stage snapshot (the oldest goes first). */
const MAX_AUTHORIZER_RESULTS = 1000;
/** API Gateway's TTL when the authorizer does not set `authorizerResultTtlInSeconds`. */
const DEFAULT_AUTHORIZER_TTL_SECONDS = 300;

const DENY = 'User is not authorized to access this resource with an explicit deny';
const NO_ALLOW = 'User is not authorized to access this resource';

/**
 * API Gateway's authorization step, before request validation: a Lambda authorizer for
 * CUSTOM methods (TOKEN or REQUEST, called as a local handler: missing identity -> 401,
 * `throw new Error('Unauthorized')` -> 401, an explicit Deny or no matching Allow -> 403,
 * anything else -> 500), then the API key of `apiKeyRequired` methods (x-api-key, or the
 * authorizer's usageIdentifierKey with apiKeySource AUTHORIZER; missing or unknown -> 403
 * Forbidden). The authorizer's principalId and context become `$context.authorizer`.
 * COGNITO_USER_POOLS needs its identity header (401 without it; tokens are not verified
 * locally); AWS_IAM needs an Authorization header (403 Missing Authentication Token).
 *
 * @example
 * await authorize({ api, method, resourcePath: '/pets', path: '/pets', headers, params, stageVariables, context, handlers, now, log });
 */
export async function authorize(r: AuthorizationRequest): Promise<void> {
  const { method } = r;
  let usageKey: string | undefined;
  if (method.authorizationType === 'CUSTOM') usageKey = await customAuthorizer(r);
  else if (method.authorizationType === 'COGNITO_USER_POOLS') {
    const authorizer = method.authorizerId ? r.api.authorizers[method.authorizerId] : undefined;
    if (!identityValues(identitySourceOf(authorizer), r)) throw new GatewayError('UNAUTHORIZED');
  } else if (method.authorizationType === 'AWS_IAM' && !r.headers.authorization) {
    throw new GatewayError('MISSING_AUTHENTICATION_TOKEN');
  }
  if (method.apiKeyRequired) {
    const key = r.api.restApi.apiKeySource === 'AUTHORIZER' ? usageKey : r.headers['x-api-key'];
    if (!key || (r.apiKeys && !r.apiKeys.has(key))) throw new GatewayError('INVALID_API_KEY');
  }
}

/**
 * Where an authorizer reads its token: its identitySource, else the header its OpenAPI
 * security scheme names (`name:` with `in: header`, kept in the authorizer's extensions
 * when import did not derive an identitySource, as for Cognito user pools), else Authorization.
 */
function identitySourceOf(authorizer: Authorizer | undefined): string {
  if (authorizer?.identitySource) return authorizer.identitySource;
  const scheme = authorizer?.extensions ?? {};
  if (typeof scheme.name === 'string' && scheme.name !== '' && (scheme.in ?? 'header') === 'header') return `method.request.header.${scheme.name}`;
  return 'method.request.header.Authorization';
}

/** The identity source values (all required), or null when one is missing. */
function identityValues(source: string, r: AuthorizationRequest): string[] | null {
  const values: string[] = [];
  for (const part of identityParts(source)) {
    const value = part.from === 'stageVariables' ? r.stageVariables[part.name] : part.from ? r.params[part.from][part.name] : undefined;
    if (value === undefined || value === '') return null;
    values.push(value);
  }
  return values;
}

type IdentityPart = { from: keyof VtlParams | 'stageVariables' | undefined; name: string };
const identitySources = new Map<string, IdentityPart[]>();
/** An identity source's parts (header names lower-case), parsed once per source text. */
function identityParts(source: string): IdentityPart[] {
  let parts = identitySources.get(source);
  if (!parts) {
    parts = source.split(',').map((s) => s.trim()).filter(Boolean).map((part): IdentityPart => {
      const m = /^method\.request\.(header|querystring|path)\.(.+)$/.exec(part);
      const s = /^stageVariables\.(.+)$/.exec(part);
      if (m) return { from: m[1] as keyof VtlParams, name: m[1] === 'header' ? m[2]!.toLowerCase() : m[2]! };
      return s ? { from: 'stageVariables', name: s[1]! } : { from: undefined, name: part };
    });
    if (identitySources.size >= 1000) identitySources.clear();
    identitySources.set(source, parts);
  }
  return parts;
}

function methodArn(r: AuthorizationRequest): string {
  const c = r.context;
  return `arn:aws:execute-api:us-east-1:${c.accountId}:${c.apiId}/${c.stage}/${c.httpMethod}${r.path}`;
}

async function customAuthorizer(r: AuthorizationRequest): Promise<string | undefined> {
  const authorizer: Authorizer | undefined = r.method.authorizerId ? r.api.authorizers[r.method.authorizerId] : undefined;
  if (!authorizer) throw new GatewayError('AUTHORIZER_CONFIGURATION_ERROR');
  const type = authorizer.type === 'REQUEST' ? 'REQUEST' : 'TOKEN';
  const identity = identityValues(identitySourceOf(authorizer), r);
  if (!identity) throw new GatewayError('UNAUTHORIZED');
  const token = identity[0]!;
  if (type === 'TOKEN' && authorizer.identityValidationExpression && !compiled(`^(?:${authorizer.identityValidationExpression})$`).test(token)) {
    throw new GatewayError('UNAUTHORIZED');
  }
  const arn = methodArn(r);
  // As API Gateway: a valid answer is kept per authorizer and identity values for its TTL and
  // evaluated again against each later request's method ARN (a policy that allows only the
  // first method's ARN denies the others while it is cached).
  const ttl = authorizer.authorizerResultTtlInSeconds ?? DEFAULT_AUTHORIZER_TTL_SECONDS;
  const key = ttl > 0 && r.results ? JSON.stringify([r.method.authorizerId, ...identity]) : undefined;
  let answer = key === undefined ? undefined : r.results!.get(key);
  if (answer && answer.expires <= r.now()) {
    r.results!.delete(key!);
    answer = undefined;
  }
  if (!answer) {
    answer = await callAuthorizer(r, authorizer, type, token, arn);
    if (key !== undefined) {
      answer.expires = r.now() + ttl * 1000;
      if (r.results!.size >= MAX_AUTHORIZER_RESULTS) r.results!.delete(r.results!.keys().next().value!);
      r.results!.set(key, answer);
    }
  }
  const applies = (s: Record<string, unknown>) => matchesAny(s.Action, 'execute-api:Invoke') && matchesAny(s.Resource, arn);
  if (answer.statements.some((s) => s.Effect === 'Deny' && applies(s))) throw new GatewayError('ACCESS_DENIED', 403, DENY);
  if (!answer.statements.some((s) => s.Effect === 'Allow' && applies(s))) throw new GatewayError('ACCESS_DENIED', 403, NO_ALLOW);
  r.context.authorizer = { ...answer.context, principalId: answer.principalId };
  return answer.usageIdentifierKey;
}

/** Calls the authorizer's local handler; its answer when it is a valid policy, else the matching GatewayError. */
async function callAuthorizer(r: AuthorizationRequest, authorizer: Authorizer, type: 'TOKEN' | 'REQUEST', token: string, arn: string): Promise<AuthorizerResult> {
  const event =
    type === 'TOKEN'
      ? { type, authorizationToken: token, methodArn: arn }
      : {
          type, methodArn: arn, resource: r.resourcePath, path: r.context.path, httpMethod: r.context.httpMethod, headers: r.params.header,
          queryStringParameters: r.params.querystring, pathParameters: r.params.path, stageVariables: r.stageVariables,
          requestContext: { stage: r.context.stage, requestId: r.context.requestId, resourcePath: r.resourcePath, httpMethod: r.context.httpMethod, apiId: r.context.apiId, accountId: r.context.accountId },
        };
  const { name, handler } = findHandler(r.handlers, authorizer.authorizerUri ?? '');
  if (!handler) {
    r.log(`${r.context.requestId} Execution failed: no local handler for authorizer ${authorizer.name} (${name})`);
    throw new GatewayError('AUTHORIZER_CONFIGURATION_ERROR');
  }
  let result: unknown;
  try {
    result = await callHandler(handler, event, { functionName: name, requestId: r.context.requestId, timeoutMs: 30_000, now: r.now });
  } catch (error) {
    if (error instanceof Error && error.message === 'Unauthorized') throw new GatewayError('UNAUTHORIZED');
    r.log(`${r.context.requestId} Authorizer ${authorizer.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    throw new GatewayError('AUTHORIZER_FAILURE');
  }
  const policy = result as { principalId?: unknown; policyDocument?: { Statement?: unknown }; context?: Record<string, unknown>; usageIdentifierKey?: unknown };
  const statements = Array.isArray(policy?.policyDocument?.Statement) ? (policy.policyDocument!.Statement as Record<string, unknown>[]) : null;
  if (!statements || policy.principalId === undefined) {
    r.log(`${r.context.requestId} Authorizer ${authorizer.name} returned an invalid policy`);
    throw new GatewayError('AUTHORIZER_CONFIGURATION_ERROR');
  }
  const context: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(policy.context ?? {})) if (['string', 'number', 'boolean'].includes(typeof v)) context[k] = v;
  const usageIdentifierKey = typeof policy.usageIdentifierKey === 'string' ? policy.usageIdentifierKey : undefined;
  return { expires: 0, principalId: String(policy.principalId), statements, context, usageIdentifierKey };
}

/** IAM-style match of an action or resource (string or list, `*` and `?` wildcards). */
function matchesAny(patterns: unknown, value: string): boolean {
  const list = Array.isArray(patterns) ? patterns : [patterns];
  return list.some((p) => typeof p === 'string' && wildcard(p).test(value));
}

const wildcards = new Map<string, RegExp>();
/** The RegExp of an IAM pattern, built once per pattern (at most 1,000 kept). */
function wildcard(pattern: string): RegExp {
  let re = wildcards.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    if (wildcards.size >= 1000) wildcards.clear();
    wildcards.set(pattern, re);
  }
  return re;
}

const regexes = new Map<string, RegExp>();
/** `new RegExp(source)`, compiled once per source (at most 1,000 kept). A RegExp without flags keeps no state between `test` calls. */
function compiled(source: string): RegExp {
  let re = regexes.get(source);
  if (!re) {
    re = new RegExp(source);
    if (regexes.size >= 1000) regexes.clear();
    regexes.set(source, re);
  }
  return re;
}
