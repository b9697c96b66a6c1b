import type { Api } from '@gitway/core';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { createRequestValidator } from './createRequestValidator.js';

const api = (models: Api['models']): Api => ({ restApi: { name: 'm' }, resources: {}, models, authorizers: {}, requestValidators: {}, gatewayResponses: {} });

/** What a fresh ajv instance says of `schema` (the check createRequestValidator did per snapshot before sharing one). */
function freshVerdict(schema: object): string {
  try {
    new Ajv.default({ strict: false, allErrors: false, validateFormats: false }).addSchema({ ...schema, id: 'https://gitway.local/models/X' });
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  }
}
function verdict(schema: object): string {
  try {
    createRequestValidator(api({ X: { name: 'X', schema } }));
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('createRequestValidator: model schemas checked against draft-04 by one shared instance', () => {
  it('accepts and refuses exactly what a fresh ajv instance does, with the same message, snapshot after snapshot', () => {
    const schemas = [
      { type: 'object', properties: { name: { type: 'string', maxLength: 3 } }, required: ['name'] },
      { type: 12 },
      { type: 'object', required: 'name' },
      { properties: { a: { minimum: 'zero' } } },
      { type: 'string', pattern: '^a+$' },
      { items: [{ type: 'string' }, { enum: [] }] },
    ];
    const expected = ['accepted', 'schema is invalid: data/type must be equal to one of the allowed values, data/type must be array, data/type must match a schema in anyOf', 'schema is invalid: data/required must be array', 'schema is invalid: data/properties/a/minimum must be number', 'accepted', 'schema is invalid: data/items must be object, data/items/1/enum must NOT have fewer than 1 items, data/items must match a schema in anyOf'];
    for (let round = 0; round < 2; round++) {
      expect(schemas.map(verdict)).toEqual(expected);
      expect(schemas.map(freshVerdict)).toEqual(expected);
    }
  });
});
