import { safeRegex } from '../safeRegex.js';
import { isReadOnly } from './readOnly.js';
import type { TemplateBudget } from './TemplateBudget.js';

type Method = (b: TemplateBudget, self: any, args: any[]) => unknown;

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const int = (v: unknown): number => Math.trunc(Number(v));
const regex = (b: TemplateBudget, pattern: unknown, subject: string) => safeRegex(str(pattern)).matcher(b.regexSubject(subject));

/* Java's String methods (as API Gateway's Velocity exposes them), regexes through RE2. */
const STRING: Record<string, Method> = {
  length: (_b, s) => s.length,
  isEmpty: (_b, s) => s.length === 0,
  charAt: (_b, s, [i]) => s.charAt(int(i)),
  substring: (b, s, [from, to]) => b.string(s.substring(int(from), to === undefined ? undefined : int(to))),
  indexOf: (_b, s, [x, from]) => s.indexOf(str(x), from === undefined ? 0 : int(from)),
  lastIndexOf: (_b, s, [x]) => s.lastIndexOf(str(x)),
  contains: (_b, s, [x]) => s.includes(str(x)),
  startsWith: (_b, s, [x]) => s.startsWith(str(x)),
  endsWith: (_b, s, [x]) => s.endsWith(str(x)),
  equals: (_b, s, [x]) => s === str(x),
  equalsIgnoreCase: (_b, s, [x]) => s.toLowerCase() === str(x).toLowerCase(),
  toLowerCase: (b, s) => b.string(s.toLowerCase()),
  toUpperCase: (b, s) => b.string(s.toUpperCase()),
  trim: (b, s) => b.string(s.trim()),
  concat: (b, s, [x]) => b.string(s + str(x)),
  toString: (_b: TemplateBudget, s: string) => s,
  replace: (b, s, [from, to]) => {
    const f = str(from);
    const t = str(to);
    b.reserve(f === '' ? s.length + t.length * (s.length + 1) : s.length + Math.floor(s.length / f.length) * Math.max(0, t.length - f.length));
    return b.string(s.split(f).join(t));
  },
  replaceAll: (b, s, [re, to]) => b.string(regex(b, re, s).replaceAll(str(to), true)),
  replaceFirst: (b, s, [re, to]) => b.string(regex(b, re, s).replaceFirst(str(to), true)),
  matches: (b, s, [re]) => regex(b, re, s).matches(),
  match: (b, s, [re]) => {
    const m = regex(b, re, s);
    if (!m.find()) return null;
    return b.built(Array.from({ length: m.groupCount() + 1 }, (_, i) => m.group(i)));
  },
  split: (b, s, [re, limit]) => b.built(safeRegex(str(re)).split(b.regexSubject(s), limit === undefined ? 0 : int(limit))),
};

/* java.util.Map's read methods; the mutators below need a map the template owns. */
const MAP_READ: Record<string, Method> = {
  get: (_b, m, [k]) => (Object.hasOwn(m, str(k)) ? m[str(k)] : null),
  containsKey: (_b, m, [k]) => Object.hasOwn(m, str(k)),
  containsValue: (_b, m, [v]) => Object.values(m).includes(v),
  keySet: (b, m) => b.built(Object.keys(m)),
  values: (b, m) => b.built(Object.values(m)),
  entrySet: (b, m) => b.built(Object.keys(m).map((key) => ({ key, value: m[key] }))),
  size: (_b, m) => Object.keys(m).length,
  isEmpty: (_b, m) => Object.keys(m).length === 0,
  toString: (): undefined => undefined, // rendered by the template's own formatter
};
const MAP_WRITE: Record<string, Method> = {
  put: (b, m, [k, v]) => {
    const key = str(k);
    const previous = Object.hasOwn(m, key) ? m[key] : null;
    if (!Object.hasOwn(m, key)) b.collection(Object.keys(m).length + 1);
    b.allocate(key.length + 1);
    Object.defineProperty(m, key, { value: v, writable: true, enumerable: true, configurable: true });
    return previous;
  },
  putAll: (b, m, [other]) => {
    if (other && typeof other === 'object') for (const k of Object.keys(other)) MAP_WRITE.put(b, m, [k, other[k]]);
    return null;
  },
  remove: (_b, m, [k]) => {
    const key = str(k);
    const previous = Object.hasOwn(m, key) ? m[key] : null;
    delete m[key];
    return previous;
  },
  clear: (_b, m) => {
    for (const k of Object.keys(m)) delete m[k];
    return null;
  },
};

/* java.util.List (plus `count`, as in API Gateway's documented `$input.path('$.pets').count()`). */
const LIST_READ: Record<string, Method> = {
  size: (_b, l) => l.length,
  count: (_b, l) => l.length,
  isEmpty: (_b, l) => l.length === 0,
  get: (_b, l, [i]) => l[int(i)] ?? null,
  contains: (_b, l, [x]) => l.includes(x),
  indexOf: (_b, l, [x]) => l.indexOf(x),
  subList: (b, l, [from, to]) => b.built(l.slice(int(from), int(to))),
  toString: (): undefined => undefined,
};
const LIST_WRITE: Record<string, Method> = {
  add: (b, l, args) => {
    b.collection(l.length + 1);
    b.allocate(1);
    if (args.length > 1) l.splice(int(args[0]), 0, args[1]);
    else l.push(args[0]);
    return true;
  },
  addAll: (b, l, [other]) => {
    if (!Array.isArray(other)) return false;
    b.collection(l.length + other.length);
    b.allocate(other.length);
    l.push(...other);
    return true;
  },
  set: (_b, l, [i, v]) => {
    const index = int(i);
    if (index < 0 || index >= l.length) return null;
    const previous = l[index];
    l[index] = v;
    return previous;
  },
  remove: (_b, l, [x]) => {
    const index = typeof x === 'number' ? x : l.indexOf(x);
    return index >= 0 && index < l.length ? l.splice(index, 1)[0] : null;
  },
  clear: (_b, l) => {
    l.length = 0;
    return null;
  },
};

const SCALAR: Record<string, Method> = {
  toString: (b: TemplateBudget, v: unknown) => b.string(String(v)),
  equals: (_b, v, [x]) => v === x || String(v) === str(x),
};

/**
 * Calls `$target.name(args)` in a mapping template. Only known methods run: Java's String,
 * List and Map methods (size-checked and charged to the render's budget; regexes through
 * RE2), functions that `$util`/`$input` carry, and bean getters (`getFoo()` reads `foo`).
 * Mutators do nothing on read-only views ($context, $stageVariables, $util, $input).
 * Anything else is undefined (rendered as empty text), so no JavaScript built-in
 * (`concat`, `constructor`, `eval`, ...) is reachable from a template.
 *
 * @example
 * callVtlMethod(budget, 'a,b', 'split', [',']); // ['a', 'b']
 */
export function callVtlMethod(budget: TemplateBudget, target: unknown, name: string, args: unknown[]): unknown {
  budget.tick();
  if (typeof target === 'string') return Object.hasOwn(STRING, name) ? STRING[name](budget, target, args) : undefined;
  if (typeof target === 'number' || typeof target === 'boolean') return Object.hasOwn(SCALAR, name) ? SCALAR[name](budget, target, args) : undefined;
  if (target === null || typeof target !== 'object') return undefined;
  const writable = !isReadOnly(target);
  if (Array.isArray(target)) {
    if (Object.hasOwn(LIST_READ, name)) return LIST_READ[name](budget, target, args);
    if (Object.hasOwn(LIST_WRITE, name)) return writable ? LIST_WRITE[name](budget, target, args) : null;
    return undefined;
  }
  const own = Object.hasOwn(target, name) ? (target as Record<string, unknown>)[name] : undefined;
  if (typeof own === 'function') return own(...args);
  if (Object.hasOwn(MAP_READ, name)) return MAP_READ[name](budget, target, args);
  if (Object.hasOwn(MAP_WRITE, name)) return writable ? MAP_WRITE[name](budget, target, args) : null;
  if (name.length > 3 && name.startsWith('get') && args.length === 0) {
    const key = name[3].toLowerCase() + name.slice(4);
    return Object.hasOwn(target, key) ? (target as Record<string, unknown>)[key] : undefined;
  }
  return undefined;
}
