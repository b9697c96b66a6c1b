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
  // A map for lookups and a doubly linked list for recency (head: least recently used): a hit
  // moves one node, where re-inserting into the Map cost it a delete and a set (measured:
  // ~2.5 us per hit, 15% of reading a 12,000-object tree cold).
  private readonly entries = new Map<string, Node<T>>();
  private head: Node<T> | undefined;
  private tail: Node<T> | undefined;
  private total = 0;

  constructor(readonly maxBytes: number) {}

  /** Bytes held now. */
  get bytes(): number {
    return this.total;
  }

  get(key: string): T | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit !== this.tail) {
      this.unlink(hit);
      this.append(hit);
    }
    return hit.value;
  }

  set(key: string, value: T, bytes: number): void {
    this.delete(key);
    const node: Node<T> = { key, value, bytes, prev: undefined, next: undefined };
    this.entries.set(key, node);
    this.append(node);
    this.total += bytes;
    while (this.total > this.maxBytes && this.head !== node) this.delete(this.head!.key);
  }

  delete(key: string): void {
    const hit = this.entries.get(key);
    if (!hit) return;
    this.entries.delete(key);
    this.unlink(hit);
    this.total -= hit.bytes;
  }

  /** Drops every entry whose key starts with `prefix` (a pack that went away). */
  deletePrefix(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.delete(key);
  }

  private unlink(node: Node<T>): void {
    if (node.prev) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.tail = node.prev;
    node.prev = node.next = undefined;
  }

  private append(node: Node<T>): void {
    node.prev = this.tail;
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
  }
}

interface Node<T> {
  key: string;
  value: T;
  bytes: number;
  prev: Node<T> | undefined;
  next: Node<T> | undefined;
}
