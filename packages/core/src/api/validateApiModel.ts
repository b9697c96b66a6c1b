import type { Api } from '../models/types.js';

/**
 * Validates an Api handed to the library directly against the model's ajv schema and
 * cross-references (models/apiSchema.ts), before anything is written. ajv loads on
 * first use, so commands that never take an Api start faster.
 */
export async function assertApi(api: Api): Promise<void> {
  const schema: typeof import('../models/apiSchema.js') = await import('../models/apiSchema.js');
  schema.validateApi(api);
}
