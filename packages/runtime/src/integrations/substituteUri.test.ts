import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMockStatusCode } from './parseMockStatusCode.js';
import { substituteUri } from './substituteUri.js';

const uriFx = JSON.parse(readFileSync(fileURLToPath(new URL('../../test/fixtures/vtl/localstack__uri_stage_variable_interpolation.json', import.meta.url)), 'utf8'));
const mockFx = JSON.parse(readFileSync(fileURLToPath(new URL('../../test/fixtures/vtl/localstack__mock_statusCode_parsing.json', import.meta.url)), 'utf8'));

describe('substituteUri (LocalStack fixture)', () => {
  it.each(uriFx.cases as { uri: string; expected: string }[])('$uri', ({ uri, expected }) => {
    expect(substituteUri(uri, uriFx.stageVariables)).toBe(expected);
  });
  it.each(uriFx.edge_cases as { uri: string; stageVariables: Record<string, string>; expected?: string; expected_contains?: string }[])('edge $uri', (c) => {
    const out = substituteUri(c.uri, c.stageVariables);
    if (c.expected !== undefined) expect(out).toBe(c.expected);
    if (c.expected_contains !== undefined) expect(out).toContain(c.expected_contains);
  });
  it.each(uriFx.path_parameter_cases as { uri: string; pathParameters: Record<string, string>; expected: string }[])('path $uri', (c) => {
    expect(substituteUri(c.uri, {}, c.pathParameters)).toBe(c.expected);
  });
  it('encodes path values so they cannot add or climb segments', () => {
    expect(substituteUri('http://h/base/{id}', {}, { id: '../x?y' })).toBe('http://h/base/%252E%252E/x%3Fy');
    expect(new URL(substituteUri('http://h/base/{proxy}', {}, { proxy: 'a/../../x' })).pathname).toBe('/base/a/%252E%252E/%252E%252E/x');
  });
});

describe('parseMockStatusCode (LocalStack fixture)', () => {
  it.each(mockFx.cases as { body: string; expected_status?: number }[])('$body', ({ body, expected_status }) => {
    expect(parseMockStatusCode(body)).toBe(expected_status ?? null);
  });
  it.each(mockFx.valid_lenient_bodies_status_200 as string[])('lenient %s -> 200', (body) => expect(parseMockStatusCode(body)).toBe(200));
  it.each(mockFx.invalid_bodies_500 as string[])('invalid %s', (body) => expect(parseMockStatusCode(body)).toBeNull());
});
