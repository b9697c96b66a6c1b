import { Helper, type parse } from 'velocityjs';
import { callVtlMethod } from './callVtlMethod.js';
import { TemplateLimitError, type TemplateBudget } from './TemplateBudget.js';

/*
 * Most mapping templates are text with references in it ('{"id": "$input.params('id')",
 * "stage": "$context.stage"}'): no #set, #if, #foreach, macros or index lookups. Such a
 * template is compiled once into literal parts and references, and rendered without
 * velocityjs's per-render set-up (a compiler object, its macro table, the text of every
 * reference rebuilt to look it up). Each step below is what velocityjs and BoundedCompile
 * (renderTemplate.ts) do for that same node, in the same order, with the same budget
 * charges; anything else renders through velocityjs.
 */

type Ast = ReturnType<typeof parse>[number];

/** A reference: `$id.step.step(...)`; `text` is its source text (velocityjs first looks that up as a variable name). */
export interface FlatRef {
  id: string;
  text: string;
  path: FlatStep[];
}
type FlatStep = { method: false; id: string } | { method: true; id: string; args: FlatArg[] };
/** A method argument: a literal (`charge`: a double-quoted string, charged to the budget as velocityjs does) or a reference. */
type FlatArg = { ref: FlatRef } | { value: string | number; charge: boolean };
/** A flat template: literal text and references, in order. */
export type FlatPart = string | FlatRef;

/* Names velocityjs's prototype guard treats specially: templates using them take the full path. */
const GUARDED = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The flat form of a parsed template, or null when it has anything but text, comments,
 * raw blocks and plain references (properties and method calls with literal or reference arguments).
 *
 * @example
 * flatten(parse('{"id": "$input.params(\'id\')"}')); // ['{"id": "', { id: 'input', ... }, '"}']
 */
export function flatten(asts: Ast[]): FlatPart[] | null {
  const parts: FlatPart[] = [];
  for (const ast of asts) {
    if (typeof ast === 'string') parts.push(ast);
    else if (ast.type === 'comment') continue;
    else if (ast.type === 'raw') parts.push(String((ast as { value: unknown }).value));
    else {
      const ref = ast.type === 'references' ? flatRef(ast) : null;
      if (!ref) return null;
      parts.push(ref);
    }
  }
  return parts;
}

function flatRef(ast: any): FlatRef | null {
  if (ast.type !== 'references' || ast.args !== undefined || typeof ast.id !== 'string' || GUARDED.has(ast.id)) return null;
  const path: FlatStep[] = [];
  for (const step of ast.path ?? []) {
    if (typeof step.id !== 'string' || GUARDED.has(step.id)) return null;
    if (step.type === 'property') path.push({ method: false, id: step.id });
    else if (step.type === 'method') {
      const args: FlatArg[] = [];
      for (const arg of Array.isArray(step.args) ? step.args : []) {
        const flat = flatArg(arg);
        if (!flat) return null;
        args.push(flat);
      }
      path.push({ method: true, id: step.id, args });
    } else return null;
  }
  return { id: ast.id, text: Helper.getRefText(ast), path };
}

function flatArg(arg: any): FlatArg | null {
  if (arg.type === 'integer') return { value: parseInt(arg.value, 10), charge: false };
  if (arg.type === 'string') {
    const value = String(arg.value);
    // A double-quoted string with '$' or '#' is a template of its own (velocityjs renders it per call).
    if (arg.isEval && (value.includes('$') || value.includes('#'))) return null;
    return { value, charge: arg.isEval === true };
  }
  const ref = arg.type === 'references' ? flatRef(arg) : null;
  return ref ? { ref } : null;
}

/**
 * Renders a flat template over `context` (the render's variables, host objects as read-only
 * views), charging `budget` as the full renderer does.
 */
export function renderFlat(parts: FlatPart[], context: Record<string, unknown>, budget: TemplateBudget): string {
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : (evaluate(part, context, budget, true) as string);
  return budget.measure(out);
}

/* BoundedCompile.getReferences over velocityjs's References.getReferences, for a flat reference. */
function evaluate(ref: FlatRef, context: Record<string, unknown>, budget: TemplateBudget, isVal: boolean): unknown {
  budget.tick();
  let value: unknown;
  if (Object.hasOwn(context, ref.text)) value = context[ref.text];
  else {
    value = context[ref.id];
    for (const step of ref.path) {
      if (value === null || value === undefined) value = undefined;
      else if (step.method) value = callVtlMethod(budget, value, step.id, step.args.map((arg) => argument(arg, context, budget)));
      else value = (value as Record<string, unknown>)[step.id];
    }
    if (isVal && value === undefined) value = '';
  }
  return isVal ? display(budget, value) : budget.measure(value);
}

/* BoundedCompile.getLiteral for an argument. */
function argument(arg: FlatArg, context: Record<string, unknown>, budget: TemplateBudget): unknown {
  if ('ref' in arg) return budget.measure(evaluate(arg.ref, context, budget, false));
  return arg.charge ? budget.string(arg.value as string) : budget.measure(arg.value);
}

/**
 * A value in output position: undefined and null render as empty text, as in API Gateway;
 * lists and maps as Java prints them (`[1, 2]`, `{a=1}`), bounded by the output limit.
 */
export function display(budget: TemplateBudget, value: unknown): unknown {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'object') return value;
  let out = '';
  const max = budget.limits.maxOutputChars;
  const emit = (s: string) => {
    out += s;
    if (out.length > max) throw new TemplateLimitError(`template output exceeded ${max} characters`);
  };
  const walk = (v: unknown): void => {
    budget.tick();
    if (Array.isArray(v)) {
      emit('[');
      v.forEach((x, i) => (i > 0 && emit(', '), walk(x)));
      emit(']');
    } else if (v !== null && typeof v === 'object') {
      emit('{');
      Object.keys(v).forEach((k, i) => (i > 0 && emit(', '), emit(`${k}=`), walk((v as Record<string, unknown>)[k])));
      emit('}');
    } else emit(String(v));
  };
  walk(value);
  return budget.string(out);
}
