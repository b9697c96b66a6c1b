import { describe, expect, it } from 'vitest';
import { createVtlInput } from './createVtlInput.js';
import { createVtlUtil } from './createVtlUtil.js';
import { isReadOnly, readOnly, withViews } from './readOnly.js';
import { renderTemplate } from './renderTemplate.js';

const render = (template: string, context: Record<string, unknown>, stageVariables: Record<string, string> = {}) =>
  renderTemplate(template, { input: createVtlInput('{"a":{"b":1}}', { path: {}, querystring: {}, header: {} }), util: createVtlUtil(), context, stageVariables });

describe('read-only views (one table per render)', () => {
  it('within one render an object has one view: views of the same object compare equal, of different objects not', () => {
    const context = { identity: { sourceIp: '1.2.3.4' }, other: { sourceIp: '1.2.3.4' } };
    expect(render('#if($context.identity == $context.identity)same#{else}differ#end', context)).toBe('same');
    expect(render('#set($a = $context.identity)#set($b = $context.identity)#if($a == $b)same#{else}differ#end', context)).toBe('same');
    expect(withViews(() => [readOnly(context) === readOnly(context), readOnly(context.identity) === readOnly(context).identity])).toEqual([true, true]);
    expect(withViews(() => readOnly(context.identity) === readOnly(context.other))).toBe(false);
  });

  it('writes through a view do nothing, in this render and the next, and mutators of views are refused', () => {
    const context = { stage: 'prod', identity: { sourceIp: '1.2.3.4' } };
    const vars = { backend: 'http://a' };
    expect(render('#set($context.stage = "x")#set($stageVariables.backend = "y")$context.stage $stageVariables.backend', context, vars)).toBe('prod http://a');
    expect(render('#set($ok = $context.put("stage", "x"))#set($ok = $context.identity.put("sourceIp", "x"))$context.stage $context.identity.sourceIp', context, vars)).toBe('prod 1.2.3.4');
    expect(render('$context.stage $stageVariables.backend', context, vars)).toBe('prod http://a');
    expect(context).toEqual({ stage: 'prod', identity: { sourceIp: '1.2.3.4' } });
    expect(vars).toEqual({ backend: 'http://a' });
  });

  it('a template still owns what it builds (maps and lists it makes are writable)', () => {
    expect(render('#set($m = {})#set($ok = $m.put("k", "v"))#set($l = [])#set($ok = $l.add(1))$m.k $l.size()', {})).toBe('v 1');
  });

  it('isReadOnly tells views from the objects they show, also outside a render', () => {
    const target = { a: { b: 1 } };
    const view = readOnly(target);
    expect([isReadOnly(view), isReadOnly((view as typeof target).a), isReadOnly(target), isReadOnly(target.a), isReadOnly(null), isReadOnly('s')]).toEqual([true, true, false, false, false, false]);
    expect(readOnly(view)).toBe(view);
    (view as { a: unknown }).a = 2;
    expect(target.a).toEqual({ b: 1 });
  });

  it('leaves no table behind: each render starts a new one and restores the caller’s', () => {
    const outer = { x: {} };
    withViews(() => {
      const first = readOnly(outer);
      expect(withViews(() => readOnly(outer) === first)).toBe(false);
      expect(readOnly(outer)).toBe(first);
    });
  });
});
