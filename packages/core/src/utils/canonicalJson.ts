/**
 * Canonical JSON: keys sorted by code point, 2-space indent, trailing newline,
 * `undefined` members dropped — byte for byte what `JSON.stringify(sortKeys(v), null, 2)`
 * gives, written directly (no sorted copy of the value is built: a 10,000-method API
 * serializes without allocating a second tree). Equal values always give equal bytes, so
 * equal APIs give equal blob and tree hashes.
 */
export function canonicalJson(value: unknown): string {
  return (write(value, '') ?? 'null') + '\n';
}

function write(value: unknown, indent: string): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      const inner = indent + '  ';
      // Built with += (V8 string ropes), not arrays joined: a 10,000-method API is ~10^6 members.
      if (Array.isArray(value)) {
        if (value.length === 0) return '[]';
        let out = '[';
        for (let i = 0; i < value.length; i++) out += `${i ? ',' : ''}\n${inner}${write(value[i], inner) ?? 'null'}`;
        return `${out}\n${indent}]`;
      }
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return write((value as { toJSON(): unknown }).toJSON(), indent);
      let out = '';
      for (const key of Object.keys(value).sort()) {
        const v = write((value as Record<string, unknown>)[key], inner);
        if (v !== undefined) out += `${out ? ',' : ''}\n${inner}${JSON.stringify(key)}: ${v}`;
      }
      return out === '' ? '{}' : `{${out}\n${indent}}`;
    }
    default:
      return undefined; // undefined, functions, symbols: dropped like JSON.stringify does
  }
}

/** A copy of `value` with object keys sorted (a key named "__proto__" stays a key). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      // defineProperty: a key named "__proto__" (a valid stage variable name) stays a key.
      if (v !== undefined) Object.defineProperty(out, key, { value: sortKeys(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
