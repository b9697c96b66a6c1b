import type { Api } from '../models/types.js';
import { exportApi } from './exportApi.js';
import { yaml } from '../utils/yaml.js';

// yaml loads on first export (start-up of commands that never export stays fast).
const stringify = (value: unknown, options?: object): string => yaml().stringify(value, options);

export interface ExportDefinitionOptions {
  api: Api;
  /** Default: `api.restApi.sourceFormat`, else 'oas30'. */
  format?: 'oas30' | 'swagger2';
  /** Default 'yaml'. */
  syntax?: 'yaml' | 'json';
}

/**
 * Writes an Api as an OpenAPI 3.0.1 or Swagger 2.0 definition with the
 * `x-amazon-apigateway-*` extensions, like `aws apigateway get-export --parameters
 * extensions=integrations`. Output is deterministic (fixed order for generated parts,
 * sorted keys for maps and verbatim data). Everything kept verbatim at import is written
 * back, so `parseDefinition(exportDefinition({ api }))` deep-equals `api`.
 *
 * Converting to the other format keeps every model field; top-level keys of one format
 * only (servers, components.parameters/responses/..., host, basePath, schemes, consumes,
 * produces, top-level parameters/responses) and operation-level consumes/produces/schemes
 * (Swagger) or servers/callbacks (OpenAPI 3) are dropped; response `links` (OAS3) and
 * `examples` (Swagger) likewise. Swagger 2 holds one body/response schema per operation,
 * so distinct models per media type collapse to the first.
 *
 * @example
 * const api = await parseDefinition({ text: fs.readFileSync('api.yaml', 'utf8'), filename: 'api.yaml' });
 * const swagger = exportDefinition({ api, format: 'swagger2', syntax: 'json' });
 */
export function exportDefinition({ api, format, syntax = 'yaml' }: ExportDefinitionOptions): string {
  const doc = exportApi(api, format ?? api.restApi.sourceFormat ?? 'oas30');
  if (syntax === 'json') return `${JSON.stringify(doc, null, 2)}\n`;
  return stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
}
