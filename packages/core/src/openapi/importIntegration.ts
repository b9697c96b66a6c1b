/** x-amazon-apigateway-integration -> Integration (internal). */
import { INTEGRATION_TYPES, type Integration, type IntegrationResponse, type IntegrationType } from '../models/types.js';
import { invalid, type ImportContext } from './context.js';
import { isObject, isStringArray, isStringMap, nonEmpty, omit, ptr, type Obj } from './util.js';

const PASSTHROUGH = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'] as const;
const CONTENT_HANDLING = ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT'] as const;
const CONNECTION = ['INTERNET', 'VPC_LINK'] as const;

/** Upper-cased enum value, or an error naming the place; undefined when absent. */
function enumField<T extends string>(raw: Obj, key: string, allowed: readonly T[], ctx: ImportContext, at: string): T | undefined {
  const v = raw[key];
  if (v === undefined) return undefined;
  const up = typeof v === 'string' ? v.toUpperCase() : '';
  if (!(allowed as readonly string[]).includes(up)) throw invalid(ctx, ptr(at, key), `invalid ${key} "${String(v)}" (expected one of ${allowed.join(', ')})`);
  return up as T;
}

/** Reads the fields the model holds; everything else stays in `extensions`. */
export function importIntegration(raw: unknown, ctx: ImportContext, at: string): Integration {
  if (!isObject(raw)) throw invalid(ctx, at, 'x-amazon-apigateway-integration must be an object');
  const type = enumField<IntegrationType>(raw, 'type', INTEGRATION_TYPES, ctx, at);
  if (!type) throw invalid(ctx, ptr(at, 'type'), 'integration type is required');
  const taken: string[] = ['type'];
  const integ: Integration = { type };
  const take = <K extends keyof Integration>(key: K, ok: boolean, value: Integration[K]) => {
    if (raw[key] === undefined || !ok) return;
    integ[key] = value;
    taken.push(key);
  };
  take('httpMethod', typeof raw.httpMethod === 'string', raw.httpMethod as string);
  take('uri', typeof raw.uri === 'string', raw.uri as string);
  take('connectionType', true, enumField(raw, 'connectionType', CONNECTION, ctx, at));
  take('connectionId', typeof raw.connectionId === 'string', raw.connectionId as string);
  take('credentials', typeof raw.credentials === 'string', raw.credentials as string);
  take('requestParameters', isStringMap(raw.requestParameters), raw.requestParameters as Record<string, string>);
  take('requestTemplates', isStringMap(raw.requestTemplates), raw.requestTemplates as Record<string, string>);
  take('passthroughBehavior', true, enumField(raw, 'passthroughBehavior', PASSTHROUGH, ctx, at));
  take('contentHandling', true, enumField(raw, 'contentHandling', CONTENT_HANDLING, ctx, at));
  take('timeoutInMillis', Number.isInteger(raw.timeoutInMillis), raw.timeoutInMillis as number);
  take('cacheNamespace', typeof raw.cacheNamespace === 'string', raw.cacheNamespace as string);
  take('cacheKeyParameters', isStringArray(raw.cacheKeyParameters), raw.cacheKeyParameters as string[]);
  take('tlsConfig', isObject(raw.tlsConfig) && Object.keys(raw.tlsConfig).every((k) => k === 'insecureSkipVerification' && typeof raw.tlsConfig === 'object' && typeof (raw.tlsConfig as Obj)[k] === 'boolean'), raw.tlsConfig as Integration['tlsConfig']);
  if (raw.responses !== undefined) {
    if (!isObject(raw.responses)) throw invalid(ctx, ptr(at, 'responses'), 'integration responses must be an object');
    const responses: Record<string, IntegrationResponse> = {};
    for (const [key, r] of Object.entries(raw.responses)) responses[key] = importIntegrationResponse(key, r, ctx, ptr(at, 'responses', key));
    integ.integrationResponses = responses;
    taken.push('responses');
  }
  const ext = nonEmpty(omit(raw, taken));
  if (ext) integ.extensions = ext;
  return integ;
}

function importIntegrationResponse(key: string, raw: unknown, ctx: ImportContext, at: string): IntegrationResponse {
  if (!isObject(raw)) throw invalid(ctx, at, 'integration response must be an object');
  const code = raw.statusCode;
  if (typeof code !== 'string' && typeof code !== 'number') throw invalid(ctx, ptr(at, 'statusCode'), 'integration response statusCode is required');
  const out: IntegrationResponse = { statusCode: String(code) };
  const taken = ['statusCode'];
  if (key !== 'default') out.selectionPattern = key;
  if (isStringMap(raw.responseParameters)) { out.responseParameters = raw.responseParameters; taken.push('responseParameters'); }
  if (isStringMap(raw.responseTemplates)) { out.responseTemplates = raw.responseTemplates; taken.push('responseTemplates'); }
  const ch = enumField(raw, 'contentHandling', CONTENT_HANDLING, ctx, at);
  if (ch) { out.contentHandling = ch; taken.push('contentHandling'); }
  const ext = nonEmpty(omit(raw, taken));
  if (ext) out.extensions = ext;
  return out;
}
