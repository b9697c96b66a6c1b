import type { Api, Method } from '@gitway/core';
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import { GatewayError } from './GatewayError.js';
import { safeRegex } from './safeRegex.js';
import type { VtlParams } from './vtl/createVtlInput.js';

const MODEL_BASE = 'https://gitway.local/models/';
const REF = /^(?:#\/(?:components\/schemas|definitions)\/|https?:\/\/apigateway\.amazonaws\.com\/restapis\/[^/]+\/models\/)([^/]+)$/;

/** Checks a routed request against its method's request validator. */
export type RequestValidatorFn = (method: Method, params: VtlParams, contentType: string, body: string) => void;

/**
 * Compiles an API's request validators: with `validateRequestParameters`, every required
 * `method.request.{path|querystring|header}.x` must be present (else BAD_REQUEST_PARAMETERS);
 * with `validateRequestBody`, the body must parse as JSON and match the method's request
 * model for its content type (draft-04 JSON schema, `$ref`s to other models resolved,
 * `pattern`s matched by RE2 in linear time),
 * else BAD_REQUEST_BODY. Schemas compile once, on first use.
 *
 * @example
 * const validate = createRequestValidator(api);
 * validate(method, { path: {}, querystring: {}, header: {} }, 'application/json', '{"name":"rex"}'); // throws GatewayError when invalid
 */
export function createRequestValidator(api: Api): RequestValidatorFn {
  const ajv = newAjv();
  for (const [name, model] of Object.entries(api.models)) {
    const schema = rewriteRefs(structuredClone(model.schema ?? {}));
    if (schema && typeof schema === 'object' && !Array.isArray(schema)) {
      delete (schema as Record<string, unknown>).$schema;
      (schema as Record<string, unknown>).id = MODEL_BASE + encodeURIComponent(name);
      // Checked against draft-04 by one shared instance (what addSchema would do, with the
      // same error), so each snapshot does not compile the meta-schema again.
      ajv.addSchema(schema as object, undefined, undefined, false);
      (metaChecker ??= newAjv()).validateSchema(schema as object, true);
    }
  }
  const compiled = new Map<string, ValidateFunction | null>();
  const validatorFor = (name: string): ValidateFunction | null => {
    if (!compiled.has(name)) {
      try {
        compiled.set(name, ajv.getSchema(MODEL_BASE + encodeURIComponent(name)) ?? null);
      } catch {
        compiled.set(name, null); // a model that does not compile validates nothing, as a broken import would
      }
    }
    return compiled.get(name)!;
  };

  return (method, params, contentType, body) => {
    const validatorName = method.requestValidatorId ?? api.restApi.requestValidatorId;
    const validator = validatorName ? api.requestValidators[validatorName] : undefined;
    if (!validator) return;
    if (validator.validateRequestParameters) {
      const missing: string[] = [];
      for (const [key, required] of Object.entries(method.requestParameters ?? {})) {
        if (!required) continue;
        const m = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(key);
        if (!m) continue;
        const source = params[m[1] as keyof VtlParams];
        const name = m[1] === 'header' ? m[2].toLowerCase() : m[2];
        if (!Object.hasOwn(source, name) || source[name] === '') missing.push(m[2]);
      }
      if (missing.length) throw new GatewayError('BAD_REQUEST_PARAMETERS', undefined, `Missing required request parameters: [${missing.join(', ')}]`);
    }
    if (validator.validateRequestBody && method.requestModels) {
      const models = method.requestModels;
      const modelName = models[contentType] ?? models.$default;
      if (!modelName || modelName === 'Empty') return;
      const validate = validatorFor(modelName);
      if (!validate) return;
      const invalid = (why: string) =>
        Object.assign(new GatewayError('BAD_REQUEST_BODY'), { detail: `Request body does not match model schema for content type ${contentType}: [${why}]` });
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch (error) {
        throw invalid(`Invalid JSON: ${(error as Error).message}`);
      }
      if (!validate(json)) throw invalid((validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join(', '));
    }
  };
}

let metaChecker: InstanceType<typeof Ajv.default> | undefined;
const newAjv = () => new Ajv.default({ strict: false, allErrors: false, validateFormats: false, code: { regExp: RE2_ENGINE } });

/* ajv's `pattern` and `patternProperties` through RE2: a model's `^(a+)+$` cannot backtrack over a request body. */
const RE2_ENGINE = Object.assign((pattern: string) => safeRegex(pattern), { code: 'safeRegex' });

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    const m = k === '$ref' && typeof v === 'string' ? REF.exec(v) : null;
    out[k] = m ? MODEL_BASE + encodeURIComponent(decodeURIComponent(m[1])) : rewriteRefs(v);
  }
  return out;
}
