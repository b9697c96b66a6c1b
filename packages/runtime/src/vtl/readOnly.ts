const views = new WeakMap<object, object>();
const isView = new WeakSet<object>();

/* Writes are accepted and dropped (a template's #set into $context must not fail the request, nor survive it). */
const HANDLER: ProxyHandler<object> = {
  get(target, key) {
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
 * Functions are returned as they are. One view per object, cached.
 *
 * @example
 * const vars = readOnly({ backend: 'a' });
 * (vars as any).backend = 'b'; // ignored
 * vars.backend; // 'a'
 */
export function readOnly<T>(value: T): T {
  if (value === null || typeof value !== 'object' || isView.has(value)) return value;
  let view = views.get(value);
  if (!view) {
    view = new Proxy(value, HANDLER);
    views.set(value, view);
    isView.add(view);
  }
  return view as T;
}

/** Whether `value` is a read-only view (its mutating methods do nothing). */
export function isReadOnly(value: unknown): boolean {
  return typeof value === 'object' && value !== null && isView.has(value);
}
