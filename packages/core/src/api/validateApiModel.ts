import type { Api } from '../models/types.js';
import { InvalidDefinitionError } from '../errors/InvalidDefinitionError.js';

/** Minimal structural check of an Api handed to the library directly (the full ajv schema lives in models/apiSchema.ts). */
export function assertApi(api: Api): void {
  const ok =
    api !== null &&
    typeof api === 'object' &&
    typeof api.restApi === 'object' &&
    api.restApi !== null &&
    typeof api.resources === 'object' &&
    api.resources !== null;
  if (!ok) throw new InvalidDefinitionError('invalid API model: expected { restApi, resources, models, ... }', { pointer: '#' });
  for (const [path, resource] of Object.entries(api.resources)) {
    if (!path.startsWith('/') || resource?.path !== path) {
      throw new InvalidDefinitionError(`invalid API model: resource key '${path}' does not match its path`, { pointer: `#/resources/${path}` });
    }
  }
}
