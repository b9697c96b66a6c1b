/**
 * A least-recently-used map bounded by bytes: every entry declares its size, and
 * inserting evicts the least recently used entries until the total fits `maxBytes`.
 * The newest entry is always kept, even when it alone is larger than the bound (a
 * caller that just read it is about to use it); it goes on the next insertion.
 *
 * @example
 * const cache = new ByteCache<Buffer>(1024);
 * cache.set('a', buf, buf.length);
 * cache.get('a'); // buf (now the most recently used)
 */
export class ByteCache<T> {
  private readonly entries = new Map<string, { value: T; bytes: number }>();
  private total = 0;

  constructor(readonly maxBytes: number) {}

  /** Bytes held now. */
  get bytes(): number {
    return this.total;
  }

  get(key: string): T | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    // Map iteration order is insertion order: re-inserting marks the entry most recent.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: string, value: T, bytes: number): void {
    this.delete(key);
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxBytes || oldest === key) break;
      this.entries.delete(oldest);
      this.total -= entry.bytes;
    }
  }

  delete(key: string): void {
    const hit = this.entries.get(key);
    if (!hit) return;
    this.entries.delete(key);
    this.total -= hit.bytes;
  }

  /** Drops every entry whose key starts with `prefix` (a pack that went away). */
  deletePrefix(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.delete(key);
  }
}
