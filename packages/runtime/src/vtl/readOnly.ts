/* Marks a view: reading it through a view answers true (templates cannot name symbols). */
const VIEW = Symbol('readOnlyView');

/*
 * The views of the render in progress, one per object (renders are synchronous, so there is
 * at most one). They live as long as that render: a process-wide WeakMap would add two weak
 * entries per fresh object ($context, $input) on every request, which the garbage collector
 * pays for.
 */
let views: Map<object, object> | undefined;

/* Writes are accepted and dropped (a template's #set into $context must not fail the request, nor survive it). */
const HANDLER: ProxyHandler<object> = {
  get(target, key) {
    if (key === VIEW) return true;
    const value = Reflect.get(target, key);
    // A frozen property must read as itself (a Proxy invariant); frozen data cannot be written anyway.
    if (value !== null && typeof value === 'object' && Object.isFrozen(target)) return value;
    return readOnly(value);
  },
  set: () => true,
  deleteProperty: () => true,
  defineProperty: () => true,
  setPrototypeOf: () => true,
};

/**
 * A read-only view of an object and everything reachable from it: reads see the
 * object, writes (`#set($stageVariables.backend = ...)`, `$context.put(...)`) do nothing.
 * Functions are returned as they are. Within `withViews` (one render) each object has one
 * view, so views compare equal as their objects do.
 *
 * @example
 * const vars = readOnly({ backend: 'a' });
 * (vars as any).backend = 'b'; // ignored
 * vars.backend; // 'a'
 */
export function readOnly<T>(value: T): T {
  if (value === null || typeof value !== 'object' || (value as Record<symbol, unknown>)[VIEW] === true) return value;
  let view = views?.get(value);
  if (!view) {
    view = new Proxy(value, HANDLER);
    views?.set(value, view);
  }
  return view as T;
}

/** Runs `fn` (one render) with its own table of views, dropped when it returns. */
export function withViews<T>(fn: () => T): T {
  const previous = views;
  views = new Map();
  try {
    return fn();
  } finally {
    views = previous;
  }
}

/** Whether `value` is a read-only view (its mutating methods do nothing). */
export function isReadOnly(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[VIEW] === true;
}
