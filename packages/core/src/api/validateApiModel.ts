import type { Api } from '../models/types.js';

/** Apis that parseDefinition built (valid by construction), so deploy/diff do not validate them again. */
const parsed = new WeakSet<Api>();

/** Records that `api` came out of parseDefinition (internal). */
export function markParsed(api: Api): Api {
  parsed.add(api);
  return api;
}

/** True when `api` came out of parseDefinition (internal). */
export function isParsed(api: Api): boolean {
  return parsed.has(api);
}

/**
 * Validates an Api handed to the library directly against the model's ajv schema and
 * cross-references (models/apiSchema.ts), before anything is written. ajv loads on
 * first use, so commands that never take an Api start faster. An Api returned by
 * parseDefinition is valid by construction and is not validated again (on a 10,000-method
 * API that saves the schema compile and walk, ~0.3 s).
 */
export async function assertApi(api: Api): Promise<void> {
  if (parsed.has(api)) return;
  const schema: typeof import('../models/apiSchema.js') = await import('../models/apiSchema.js');
  schema.validateApi(api);
}
