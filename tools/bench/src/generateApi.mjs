// Deterministic generator of realistic API Gateway REST APIs (canonical `Api` objects).
// Same (n, seed) -> same API, byte for byte, on every machine.

/** mulberry32: a tiny seeded PRNG, so generated APIs are reproducible. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COLLECTIONS_PER_DOMAIN = 10;
const WORDS = ['orders', 'customers', 'invoices', 'products', 'shipments', 'payments', 'reviews', 'coupons', 'carts', 'accounts', 'tickets', 'devices'];

function mockMethod(httpMethod, body, extra = {}) {
  return {
    httpMethod,
    authorizationType: 'NONE',
    ...extra,
    methodResponses: { 200: { statusCode: '200', responseModels: { 'application/json': 'Empty' } } },
    methodIntegration: {
      type: 'MOCK',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      passthroughBehavior: 'WHEN_NO_MATCH',
      integrationResponses: { default: { statusCode: '200', responseTemplates: { 'application/json': JSON.stringify(body) } } },
    },
  };
}

function httpMethod(httpMethod, uriPath, rnd, extra = {}) {
  const params = [...uriPath.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const requestParameters = {};
  const integrationParams = {};
  for (const p of params) {
    requestParameters[`method.request.path.${p}`] = true;
    integrationParams[`integration.request.path.${p}`] = `method.request.path.${p}`;
  }
  requestParameters['method.request.header.X-Request-Id'] = false;
  integrationParams['integration.request.header.X-Request-Id'] = 'method.request.header.X-Request-Id';
  return {
    httpMethod,
    authorizationType: 'NONE',
    requestParameters,
    ...extra,
    methodResponses: {
      200: { statusCode: '200', responseParameters: { 'method.response.header.Content-Type': false } },
      404: { statusCode: '404' },
    },
    methodIntegration: {
      type: 'HTTP',
      httpMethod,
      uri: `\${stageVariables.backend}${uriPath}`,
      requestParameters: integrationParams,
      passthroughBehavior: 'WHEN_NO_MATCH',
      timeoutInMillis: 1000 * (5 + Math.floor(rnd() * 24)),
      integrationResponses: {
        default: { statusCode: '200', responseParameters: { 'method.response.header.Content-Type': 'integration.response.header.Content-Type' } },
        '4\\d{2}': { statusCode: '404', selectionPattern: '4\\d{2}' },
      },
    },
  };
}

/**
 * An API with exactly `n` methods: domains `/v1/d<k>` of 10 collections each; per
 * collection `/c<j>` GET (MOCK) + POST (HTTP, validated body model), `/c<j>/{id}` GET,
 * PUT (HTTP, `${stageVariables.backend}` and path params) + DELETE (MOCK), and
 * `/c<j>/{id}/events` GET (MOCK): 6 methods per collection, nested 5 levels deep.
 * One JSON-schema model per domain, two request validators.
 */
export function generateApi(n, seed = 42) {
  const rnd = prng(seed ^ n);
  const api = {
    restApi: { name: `bench-${n}`, description: `generated benchmark API with ${n} methods`, version: '1.0', sourceFormat: 'oas30' },
    resources: {},
    models: { Empty: { name: 'Empty', schema: { $schema: 'http://json-schema.org/draft-04/schema#', title: 'Empty', type: 'object' } } },
    authorizers: {},
    requestValidators: {
      all: { name: 'all', validateRequestBody: true, validateRequestParameters: true },
      params: { name: 'params', validateRequestBody: false, validateRequestParameters: true },
    },
    gatewayResponses: {},
  };
  let count = 0;
  const add = (path, method) => {
    if (count >= n) return;
    (api.resources[path] ??= { path, resourceMethods: {} }).resourceMethods[method.httpMethod] = method;
    count++;
  };
  for (let c = 0; count < n; c++) {
    const d = Math.floor(c / COLLECTIONS_PER_DOMAIN);
    const word = WORDS[c % WORDS.length];
    const model = `D${d}Item`;
    if (!api.models[model]) {
      api.models[model] = {
        name: model,
        schema: {
          $schema: 'http://json-schema.org/draft-04/schema#',
          title: model,
          type: 'object',
          required: ['id', 'name'],
          properties: { id: { type: 'string' }, name: { type: 'string', maxLength: 64 }, amount: { type: 'number', minimum: 0 }, tags: { type: 'array', items: { type: 'string' } } },
        },
      };
    }
    const base = `/v1/d${d}/c${c}`;
    add(base, mockMethod('GET', { items: [{ id: `${word}-1`, name: `${word} one` }, { id: `${word}-2`, name: `${word} two` }], next: null, collection: c }));
    add(base, httpMethod('POST', `/${word}`, rnd, { requestModels: { 'application/json': model }, requestValidatorId: 'all' }));
    add(`${base}/{id}`, httpMethod('GET', `/${word}/{id}`, rnd));
    add(`${base}/{id}`, httpMethod('PUT', `/${word}/{id}`, rnd, { requestModels: { 'application/json': model }, requestValidatorId: 'all' }));
    add(`${base}/{id}`, mockMethod('DELETE', { deleted: true }, { requestParameters: { 'method.request.path.id': true }, requestValidatorId: 'params' }));
    add(`${base}/{id}/events`, mockMethod('GET', { events: [], collection: c }, { requestParameters: { 'method.request.path.id': true } }));
  }
  return api;
}

/** The resource path of the MOCK route used for preview load (GET). */
export const MOCK_ROUTE = '/v1/d0/c0';

/**
 * A copy of `api` with `k` methods changed (a new MOCK response template), spread evenly
 * over the API. `kind` picks which methods: 'events' (GET /{id}/events) or 'delete'
 * (DELETE /{id}), so two branches changing different kinds never touch the same file;
 * `salt` makes two changes of the same method differ.
 * Returns the new API and the changed methods' tree paths.
 */
export function changeMethods(api, k, salt, kind = 'events') {
  const out = structuredClone(api);
  const [suffix, verb] = kind === 'events' ? ['/{id}/events', 'GET'] : ['/{id}', 'DELETE'];
  const paths = Object.keys(out.resources).filter((p) => p.endsWith(suffix) && out.resources[p].resourceMethods[verb]);
  if (paths.length < k) throw new Error(`changeMethods: only ${paths.length} ${kind} methods, ${k} wanted`);
  const step = Math.floor(paths.length / k);
  const changed = [];
  for (let i = 0; i < k; i++) {
    const p = paths[i * step + Math.floor(step / 2)];
    const m = out.resources[p].resourceMethods[verb];
    m.methodIntegration.integrationResponses.default.responseTemplates['application/json'] = JSON.stringify({ changed: salt, i });
    changed.push(`paths${p}/@${verb}.json`);
  }
  return { api: out, changed };
}
