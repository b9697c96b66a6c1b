// Small deterministic APIs for the reliability workers (plain objects of the canonical model).
export function mock(body) {
  return {
    httpMethod: 'GET',
    authorizationType: 'NONE',
    methodResponses: { 200: { statusCode: '200' } },
    methodIntegration: {
      type: 'MOCK',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      integrationResponses: { default: { statusCode: '200', responseTemplates: { 'application/json': JSON.stringify(body) } } },
    },
  };
}

/** `n` MOCK GET methods under /r<k>/s<j>, the body of each naming `tag`; /version answers { version: tag }. */
export function taggedApi(n, tag, changed = n) {
  const api = { restApi: { name: 'reliability' }, resources: {}, models: {}, authorizers: {}, requestValidators: {}, gatewayResponses: {} };
  api.resources['/version'] = { path: '/version', resourceMethods: { GET: mock({ version: tag }) } };
  for (let i = 0; i < n; i++) {
    const p = `/r${Math.floor(i / 20)}/s${i % 20}`;
    api.resources[p] = { path: p, resourceMethods: { GET: mock({ i, tag: i < changed ? tag : 'base' }) } };
  }
  return api;
}
