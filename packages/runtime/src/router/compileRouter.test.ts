import type { HttpMethod, Method, Resource } from '@gitway/core';
import { describe, expect, it } from 'vitest';
import { compileRouter } from './compileRouter.js';

const method = (httpMethod: HttpMethod): Method => ({ httpMethod, authorizationType: 'NONE' });
const resource = (path: string, ...methods: HttpMethod[]): Resource => ({ path, resourceMethods: Object.fromEntries(methods.map((m) => [m, method(m)])) });

const resources = Object.fromEntries(
  [
    resource('/', 'GET'),
    resource('/pets', 'GET', 'POST'),
    resource('/pets/{petId}', 'GET', 'DELETE'),
    resource('/pets/mine', 'GET'),
    resource('/pets/{petId}/toys', 'ANY'),
    resource('/files/{proxy+}', 'GET'),
    resource('/files/special', 'GET'),
    resource('/{proxy+}', 'ANY'),
    resource('/Admin', 'GET'),
  ].map((r) => [r.path, r]),
);
const router = compileRouter(resources);

describe('compileRouter', () => {
  it.each([
    ['GET', '/', '/', {}],
    ['GET', '/pets', '/pets', {}],
    ['GET', '/pets/', '/pets', {}],
    ['POST', '/pets', '/pets', {}],
    ['GET', '/pets/mine', '/pets/mine', {}],
    ['GET', '/pets/42', '/pets/{petId}', { petId: '42' }],
    ['GET', '/pets/a%20b', '/pets/{petId}', { petId: 'a b' }],
    ['GET', '/pets/a%2Fb', '/pets/{petId}', { petId: 'a/b' }],
    ['PATCH', '/pets/42/toys', '/pets/{petId}/toys', { petId: '42' }],
    ['GET', '/pets/mine/toys', '/pets/{petId}/toys', { petId: 'mine' }], // static dead end falls back to {param}
    ['GET', '/files/a/b/c.txt', '/files/{proxy+}', { proxy: 'a/b/c.txt' }],
    ['GET', '/files/special', '/files/special', {}],
    ['PUT', '/pets/42', '/{proxy+}', { proxy: 'pets/42' }], // no PUT on /pets/{petId}: greedy ANY catches it
    ['GET', '/admin', '/{proxy+}', { proxy: 'admin' }], // case-sensitive
    ['GET', '/Admin', '/Admin', {}],
  ])('%s %s -> %s', (verb, path, expected, params) => {
    const match = router.match(verb, path);
    expect(match?.resource.path).toBe(expected);
    expect(match?.pathParameters).toEqual(params);
  });

  it('returns null for unknown routes and methods, and never routes dot segments', () => {
    const small = compileRouter({ '/pets': resource('/pets', 'GET'), '/pets/{id}': resource('/pets/{id}', 'GET') });
    expect(small.match('GET', '/cats')).toBeNull();
    expect(small.match('POST', '/pets')).toBeNull();
    expect(small.match('GET', '/pets/..')).toBeNull();
    expect(small.match('GET', '/pets/%2e%2e')).toBeNull();
    expect(router.match('GET', '/files/../../etc/passwd')).toBeNull();
    expect(router.match('GET', '/files/%2E%2E/x')).toBeNull();
    expect(router.match('GET', '/pets/%E0%A4%A')).toBeNull(); // malformed escape
    expect(small.match('__proto__', '/pets')).toBeNull();
  });

  it('matches in time independent of the route count', () => {
    const many: Record<string, Resource> = {};
    for (let i = 0; i < 20_000; i++) many[`/r${i}/{id}`] = resource(`/r${i}/{id}`, 'GET');
    const big = compileRouter(many);
    // best of 7 runs, so a busy machine does not decide the result
    const time = (r: ReturnType<typeof compileRouter>, path: string) => {
      let best = Infinity;
      for (let run = 0; run < 7; run++) {
        const t = process.hrtime.bigint();
        for (let i = 0; i < 5_000; i++) r.match('GET', path);
        best = Math.min(best, Number(process.hrtime.bigint() - t));
      }
      return best;
    };
    const smallRouter = compileRouter({ '/r0/{id}': resource('/r0/{id}', 'GET') });
    time(big, '/r19999/1');
    time(smallRouter, '/r0/1');
    expect(big.match('GET', '/r19999/1')?.pathParameters).toEqual({ id: '1' });
    expect(time(big, '/r19999/1')).toBeLessThan(time(smallRouter, '/r0/1') * 10);
  });
});
