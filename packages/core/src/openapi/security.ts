/** Security schemes <-> Authorizers, and operation `security` <-> method authorization (internal). */
import type { Authorizer, Method } from '../models/types.js';
import { invalid, type ImportContext } from './context.js';
import { deepEqual, isObject, isStringArray, nonEmpty, omit, ptr, type Obj } from './util.js';

export type SchemeKind = 'authorizer' | 'cognito' | 'apiKey' | 'sigv4' | 'other';
export const AUTHORIZER_KEY = 'x-amazon-apigateway-authorizer';
export const AUTHTYPE_KEY = 'x-amazon-apigateway-authtype';
export const DEFAULT_SCHEMES: Record<'sigv4' | 'api_key', Obj> = {
  sigv4: { type: 'apiKey', name: 'Authorization', in: 'header', [AUTHTYPE_KEY]: 'awsSigv4' },
  api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
};
const AUTHORIZER_TYPES: Record<string, Authorizer['type']> = { token: 'TOKEN', request: 'REQUEST', cognito_user_pools: 'COGNITO_USER_POOLS' };

export function schemeKind(scheme: unknown): SchemeKind {
  if (!isObject(scheme)) return 'other';
  if (isObject(scheme[AUTHORIZER_KEY])) return 'authorizer';
  if (typeof scheme[AUTHTYPE_KEY] === 'string' && scheme[AUTHTYPE_KEY].toLowerCase() === 'awssigv4') return 'sigv4';
  if (scheme.type === 'apiKey' && scheme.in === 'header' && String(scheme.name).toLowerCase() === 'x-api-key') return 'apiKey';
  return 'other';
}

/** Names under which SigV4 and API-key requirements are written: the document's own, else sigv4 / api_key. */
export function securityNamesOf(schemes: unknown): { sigv4: string; apiKey: string } {
  const names = Object.entries(isObject(schemes) ? schemes : {});
  return {
    sigv4: names.find(([, s]) => schemeKind(s) === 'sigv4')?.[0] ?? 'sigv4',
    apiKey: names.find(([, s]) => schemeKind(s) === 'apiKey')?.[0] ?? 'api_key',
  };
}

/** A security scheme carrying x-amazon-apigateway-authorizer -> Authorizer. */
export function importAuthorizer(name: string, scheme: Obj, ctx: ImportContext, at: string): Authorizer {
  const raw = scheme[AUTHORIZER_KEY] as Obj;
  const aat = ptr(at, AUTHORIZER_KEY);
  const type = AUTHORIZER_TYPES[String(raw.type).toLowerCase()];
  if (!type) throw invalid(ctx, ptr(aat, 'type'), `invalid authorizer type "${String(raw.type)}" (expected token, request or cognito_user_pools)`);
  const a: Authorizer = { name, type };
  const taken = ['type'];
  for (const key of ['authorizerUri', 'authorizerCredentials', 'identitySource', 'identityValidationExpression'] as const) {
    if (typeof raw[key] === 'string') { a[key] = raw[key] as string; taken.push(key); }
  }
  if (Number.isInteger(raw.authorizerResultTtlInSeconds)) { a.authorizerResultTtlInSeconds = raw.authorizerResultTtlInSeconds as number; taken.push('authorizerResultTtlInSeconds'); }
  if (isStringArray(raw.providerARNs)) { a.providerARNs = raw.providerARNs; taken.push('providerARNs'); }
  if (typeof scheme[AUTHTYPE_KEY] === 'string') a.authType = scheme[AUTHTYPE_KEY] as string;
  // API Gateway takes a token authorizer's identity source from the scheme's header name.
  if (!a.identitySource && type === 'TOKEN' && scheme.in === 'header' && typeof scheme.name === 'string') a.identitySource = `method.request.header.${scheme.name}`;
  const ext: Obj = omit(scheme, [AUTHORIZER_KEY, ...(a.authType !== undefined ? [AUTHTYPE_KEY] : [])]);
  // The scheme's own type/name/in are kept only when they differ from what export derives.
  const derived = defaultSchemeKeys(a.identitySource);
  for (const k of Object.keys(derived)) if (ext[k] === derived[k]) delete ext[k];
  const residual = nonEmpty(omit(raw, taken));
  if (residual) ext[AUTHORIZER_KEY] = residual;
  if (nonEmpty(ext)) a.extensions = ext;
  return a;
}

function defaultSchemeKeys(identitySource: string | undefined): Obj {
  const header = /^method\.request\.header\.([^,\s]+)$/.exec(identitySource ?? '')?.[1];
  return { type: 'apiKey', name: header ?? 'Unused', in: 'header' };
}

/** Authorizer -> security scheme object. */
export function exportAuthorizer(a: Authorizer): Obj {
  const ext = a.extensions ?? {};
  const scheme: Obj = { ...defaultSchemeKeys(a.identitySource), ...omit(ext, [AUTHORIZER_KEY]) };
  if (a.authType !== undefined) scheme[AUTHTYPE_KEY] = a.authType;
  const raw: Obj = { type: a.type.toLowerCase() };
  for (const key of ['authorizerUri', 'authorizerCredentials', 'identitySource', 'identityValidationExpression', 'authorizerResultTtlInSeconds', 'providerARNs'] as const) {
    if (a[key] !== undefined) raw[key] = a[key];
  }
  scheme[AUTHORIZER_KEY] = { ...raw, ...(isObject(ext[AUTHORIZER_KEY]) ? omit(ext[AUTHORIZER_KEY], Object.keys(raw)) : {}) };
  return scheme;
}

type Auth = Pick<Method, 'authorizationType' | 'authorizerId' | 'authorizationScopes' | 'apiKeyRequired'>;

/** Operation security requirements -> method authorization fields. */
export function importMethodSecurity(security: unknown, kinds: Map<string, SchemeKind>, authorizers: Record<string, Authorizer>, ctx: ImportContext, at: string): Auth {
  const auth: Auth = { authorizationType: 'NONE' };
  if (security === undefined) return auth;
  if (!Array.isArray(security)) throw invalid(ctx, at, 'security must be an array');
  security.forEach((req, i) => {
    if (!isObject(req)) throw invalid(ctx, ptr(at, i), 'security requirement must be an object');
    for (const [name, scopes] of Object.entries(req)) {
      const kind = kinds.get(name) ?? (name === 'api_key' ? 'apiKey' : undefined);
      if (!kind) throw invalid(ctx, ptr(at, i, name), `unknown security scheme "${name}"`);
      if (kind === 'apiKey') auth.apiKeyRequired = true;
      else if (kind === 'sigv4') auth.authorizationType = 'AWS_IAM';
      else if (kind === 'authorizer') {
        auth.authorizerId = name;
        auth.authorizationType = authorizers[name].type === 'COGNITO_USER_POOLS' ? 'COGNITO_USER_POOLS' : 'CUSTOM';
        if (isStringArray(scopes) && scopes.length > 0) auth.authorizationScopes = scopes;
      }
    }
  });
  return auth;
}

/** Method authorization -> security requirements (undefined when there is nothing to say). */
export function exportMethodSecurity(m: Auth, names: { sigv4: string; apiKey: string }, rootHasSecurity: boolean): unknown[] | undefined {
  const reqs: Obj[] = [];
  if ((m.authorizationType === 'CUSTOM' || m.authorizationType === 'COGNITO_USER_POOLS') && m.authorizerId) reqs.push({ [m.authorizerId]: m.authorizationScopes ?? [] });
  if (m.authorizationType === 'AWS_IAM') reqs.push({ [names.sigv4]: [] });
  if (m.apiKeyRequired) reqs.push({ [names.apiKey]: [] });
  return reqs.length > 0 ? reqs : rootHasSecurity ? [] : undefined;
}

/** True when `a` and `b` give the same method authorization. */
export function sameAuth(a: Auth, b: Auth): boolean {
  return deepEqual(
    { t: a.authorizationType, id: a.authorizerId, s: a.authorizationScopes, k: a.apiKeyRequired === true },
    { t: b.authorizationType, id: b.authorizerId, s: b.authorizationScopes, k: b.apiKeyRequired === true },
  );
}
