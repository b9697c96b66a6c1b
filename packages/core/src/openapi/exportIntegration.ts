/** Integration -> x-amazon-apigateway-integration, as `get-export --parameters extensions=integrations` writes it (internal). */
import type { Integration, IntegrationResponse } from '../models/types.js';
import { sortKeysDeep, withExtensions, type Obj } from './util.js';

const FIELDS = ['httpMethod', 'uri', 'connectionType', 'connectionId', 'credentials', 'requestParameters', 'requestTemplates', 'contentHandling', 'timeoutInMillis', 'cacheNamespace', 'cacheKeyParameters', 'tlsConfig'] as const;

export function exportIntegration(integ: Integration): Obj {
  const out: Obj = { type: integ.type.toLowerCase() };
  for (const key of FIELDS) if (integ[key] !== undefined) out[key] = sortKeysDeep(integ[key]);
  if (integ.passthroughBehavior) out.passthroughBehavior = integ.passthroughBehavior.toLowerCase();
  if (integ.integrationResponses) {
    const responses: Obj = {};
    for (const key of Object.keys(integ.integrationResponses).sort()) {
      const r = integ.integrationResponses[key];
      const wanted = r.selectionPattern ?? 'default';
      responses[wanted in responses ? key : wanted] = exportIntegrationResponse(r);
    }
    out.responses = responses;
  }
  return withExtensions(out, sortKeysDeep(integ.extensions) as Obj | undefined);
}

function exportIntegrationResponse(r: IntegrationResponse): Obj {
  const out: Obj = { statusCode: r.statusCode };
  if (r.responseParameters) out.responseParameters = sortKeysDeep(r.responseParameters);
  if (r.responseTemplates) out.responseTemplates = sortKeysDeep(r.responseTemplates);
  if (r.contentHandling) out.contentHandling = r.contentHandling;
  return withExtensions(out, sortKeysDeep(r.extensions) as Obj | undefined);
}
