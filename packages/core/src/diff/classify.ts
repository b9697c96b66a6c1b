import type { ChangeKind, ChangeTarget } from './types.js';
import { deepEqual } from '../utils/deepEqual.js';

/** A breaking-or-not verdict with its reason. */
export interface Verdict {
  breaking: boolean;
  reason: string;
}

const yes = (reason: string): Verdict => ({ breaking: true, reason });
const no = (reason: string): Verdict => ({ breaking: false, reason });
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const gained = (before: unknown, after: unknown) => list(after).filter((x) => !list(before).some((y) => deepEqual(y, x)));
const lost = (before: unknown, after: unknown) => gained(after, before);

/** "method.request.querystring.limit" -> ["querystring", "limit"] */
export function paramParts(key: string): [string, string] {
  const m = /^method\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.(.+)$/.exec(key);
  return m ? [m[1]!, m[2]!] : ['', key];
}

function operation(kind: ChangeKind, p: string[], before: unknown, after: unknown): Verdict {
  const [head, second] = p;
  if (head === 'methodIntegration') return no('integration change: not visible in the method contract');
  if (head === 'requestParameters' && second) {
    const [loc, name] = paramParts(second);
    if (kind === 'added') return after === true ? yes(`new required ${loc} parameter '${name}'`) : no(`new optional ${loc} parameter '${name}'`);
    if (kind === 'removed') return no(`${loc} parameter '${name}' removed`);
    return after === true ? yes(`${loc} parameter '${name}' became required`) : no(`${loc} parameter '${name}' became optional`);
  }
  if (head === 'requestModels') return kind === 'removed' ? no('request body model removed') : yes(`request body model ${kind === 'added' ? 'added' : 'changed'}: requests may be rejected`);
  if (head === 'requestValidatorId') return kind === 'removed' ? no('request validation removed') : yes('stricter or different request validation');
  if (head === 'authorizationType') {
    if (after === 'NONE' || after === undefined) return no('authorization removed');
    if (before === 'NONE' || before === undefined) return yes(`authorization now required (${String(after)})`);
    return yes(`authorization changed from ${String(before)} to ${String(after)}`);
  }
  if (head === 'authorizerId') return kind === 'removed' ? no('authorizer removed') : yes('authorizer changed');
  if (head === 'authorizationScopes') return gained(before, after).length ? yes(`new required scope(s) ${gained(before, after).join(', ')}`) : no('scopes relaxed');
  if (head === 'apiKeyRequired') return after === true ? yes('API key now required') : no('API key no longer required');
  if (head === 'methodResponses' && second) {
    if (p.length === 2) return kind === 'removed' ? yes(`response ${second} removed`) : kind === 'added' ? no(`response ${second} added`) : no(`response ${second} changed`);
    if (p[2] === 'responseParameters') return kind === 'removed' || after === false ? yes(`response ${second} header removed or made optional`) : no(`response ${second} header added`);
    if (p[2] === 'responseModels') return kind === 'added' ? no(`response ${second} model added`) : yes(`response ${second} model ${kind}`);
    return no(`response ${second} changed`);
  }
  if (head === 'operationName' || head === 'extensions') return no('documentation or metadata');
  return no(`${head ?? 'operation'} ${kind}`);
}

const NARROWING: Record<string, (b: number | undefined, a: number | undefined) => boolean> = {
  maxLength: (b, a) => a !== undefined && (b === undefined || a < b),
  maximum: (b, a) => a !== undefined && (b === undefined || a < b),
  maxItems: (b, a) => a !== undefined && (b === undefined || a < b),
  minLength: (b, a) => a !== undefined && (b === undefined || a > b),
  minimum: (b, a) => a !== undefined && (b === undefined || a > b),
  minItems: (b, a) => a !== undefined && (b === undefined || a > b),
};

function model(kind: ChangeKind, p: string[], before: unknown, after: unknown): Verdict {
  const last = p[p.length - 1]!;
  if (p[0] !== 'schema') return no(`model ${p[0]} ${kind}`);
  if (last === 'required' && Array.isArray(before ?? after)) {
    const added = gained(before, after);
    return added.length ? yes(`new required field(s) ${added.join(', ')}`) : no('fields made optional');
  }
  if (last === 'enum') return lost(before, after).length ? yes(`enum narrowed: ${lost(before, after).map((v) => JSON.stringify(v)).join(', ')} removed`) : no('enum widened');
  if (p[p.length - 2] === 'properties') return kind === 'removed' ? yes(`field '${last}' removed`) : kind === 'added' ? no(`field '${last}' added`) : yes(`field '${last}' changed`);
  if (last === 'type') return kind === 'added' ? yes('type constrained') : kind === 'removed' ? no('type relaxed') : yes(`type changed from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
  if (NARROWING[last]) return NARROWING[last](before as number, after as number) ? yes(`${last} narrowed`) : no(`${last} relaxed`);
  if (last === 'pattern' || last === 'format') return kind === 'removed' ? no(`${last} removed`) : yes(`${last} ${kind}`);
  if (last === 'additionalProperties') return after === false ? yes('additional properties no longer allowed') : no('additionalProperties relaxed');
  if (last === 'description' || last === 'title' || last === 'example') return no('documentation');
  return no(`schema ${kind}`);
}

function authorizer(kind: ChangeKind, p: string[]): Verdict {
  const f = p[0]!;
  if (['identitySource', 'identityValidationExpression', 'type', 'providerARNs'].includes(f)) return yes(`authorizer ${f} ${kind}: callers may be rejected`);
  return no(`authorizer ${f} ${kind}`);
}

function api(kind: ChangeKind, p: string[], before: unknown, after: unknown): Verdict {
  const f = p[0]!;
  if (f === 'binaryMediaTypes') return lost(before, after).length ? yes('binary media types removed') : no('binary media types added');
  if (f === 'apiKeySource' || f === 'endpointConfiguration') return yes(`${f} ${kind}`);
  if (f === 'policy') return kind === 'removed' ? no('resource policy removed') : yes('resource policy changed');
  if (f === 'requestValidatorId') return kind === 'removed' ? no('default validation removed') : yes('default request validation changed');
  return no(`API ${f} ${kind}`);
}

/**
 * Whether one change breaks existing clients, in the spirit of oasdiff: removed
 * operations/responses/fields, new required parameters or body fields, narrowed enums
 * and constraints, stricter auth break; integration changes and optional additions do
 * not. `p` is the raw JSON path inside the file (empty for a whole added/removed file).
 *
 * @example
 * classify('operation', 'removed', [], {}, undefined); // { breaking: true, reason: 'operation removed' }
 */
export function classify(target: ChangeTarget, kind: ChangeKind, p: string[], before: unknown, after: unknown): Verdict {
  if (p.length === 0) {
    const what = target === 'gatewayResponse' ? 'gateway response' : target;
    if (kind === 'added') return no(`${what} added`);
    if (kind === 'removed') return target === 'operation' || target === 'model' || target === 'authorizer' ? yes(`${what} removed`) : no(`${what} removed`);
  }
  switch (target) {
    case 'operation':
      return operation(kind, p, before, after);
    case 'model':
      return model(kind, p, before, after);
    case 'authorizer':
      return authorizer(kind, p);
    case 'validator':
      return after === true && before !== true ? yes(`validator now checks ${p[0] === 'validateRequestBody' ? 'the body' : 'parameters'}`) : no(`validator ${p[0] ?? ''} ${kind}`);
    case 'gatewayResponse':
      return p[0] === 'statusCode' ? yes('gateway response status code changed') : no(`gateway response ${p[0] ?? ''} ${kind}`);
    case 'api':
      return api(kind, p, before, after);
    default:
      return no(`${target} ${kind}`);
  }
}
