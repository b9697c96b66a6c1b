import { describe, expect, it } from 'vitest';
import type { Api } from '@gitway/core';
import { generatedApi, mockMethod } from '@gitway/test-utils';
import { apiDelta, applyApiDelta, JSON_DELTA_RESOURCES } from './snapshotDelta.js';

/** What the worker receives: a structured clone, as postMessage makes. */
const cross = <T>(value: T): T => structuredClone(value);

describe('apiDelta / applyApiDelta: a snapshot crosses to a worker as what changed', () => {
  it('sends only resources with other methods; the worker rebuilds the same API, in the same order, reusing its own objects', () => {
    const a = generatedApi(30, 5);
    // b shares a's objects except one changed method, one removed resource and one added.
    const b: Api = { ...a, resources: { ...a.resources } };
    b.resources['/r1/s2'] = { path: '/r1/s2', resourceMethods: { GET: mockMethod('GET', { changed: true }) } };
    delete b.resources['/r4/s4'];
    b.resources['/new'] = { path: '/new', resourceMethods: { POST: mockMethod('POST', { added: true }) } };
    const held = cross(a);
    const first = apiDelta(undefined, a);
    expect(Object.keys(first.changed)).toHaveLength(30);
    expect(first.changedJson).toBe(undefined);
    expect(applyApiDelta(undefined, cross(first))).toEqual(a);
    const delta = apiDelta(a, b);
    expect(Object.keys(delta.changed)).toEqual(['/r1/s2', '/new']);
    const rebuilt = applyApiDelta(held, cross(delta));
    expect(rebuilt).toEqual(b);
    expect(Object.keys(rebuilt.resources)).toEqual(Object.keys(b.resources));
    expect(rebuilt.resources['/r0/s0']).toBe(held.resources['/r0/s0']);
    expect(rebuilt.resources['/r1/s2']).not.toBe(held.resources['/r1/s2']);
  });

  it('many changed resources cross as JSON text and give the same API, in the same order', () => {
    const a = generatedApi(JSON_DELTA_RESOURCES + 1, 20);
    const first = apiDelta(undefined, a);
    expect([Object.keys(first.changed).length, typeof first.changedJson]).toEqual([0, 'string']);
    const rebuilt = applyApiDelta(undefined, cross(first));
    expect(rebuilt).toEqual(a);
    expect(Object.keys(rebuilt.resources)).toEqual(Object.keys(a.resources));
  });

  it('a resource whose method objects are equal in content but not the same objects is sent (identity is the contract)', () => {
    const a = generatedApi(3, 3);
    const b = structuredClone(a);
    expect(Object.keys(apiDelta(a, b).changed)).toEqual(Object.keys(a.resources));
  });

  it('a delta that names a resource the worker does not hold is refused, never half applied', () => {
    const a = generatedApi(3, 3);
    expect(() => applyApiDelta(undefined, apiDelta(a, a))).toThrow('snapshot delta: resource /r0/s0 is neither sent nor in the base');
  });
});
