import { CorruptObjectError } from '../errors/CorruptObjectError.js';

/** A parsed version 2 pack index: the raw bytes plus every entry's offset, sorted (to find where an entry ends). */
export interface PackIndex {
  idx: Buffer;
  count: number;
  /** 32-bit when the pack has no offset past 2 GiB (a typed sort of those is twice as fast). */
  offsets: Float64Array | Uint32Array;
}

const SHA_BASE = 8 + 256 * 4;

export function corrupt(where: string, problem: string, oid?: string): CorruptObjectError {
  return new CorruptObjectError(`corrupt ${oid ? `object ${oid}` : where}: ${problem}${oid ? ` (${where})` : ''}; run 'git fsck' on the repository`, {
    ...(oid ? { oid } : {}),
    where,
    problem,
  });
}

/** Checks and parses a v2 `.idx` (its header, fan-out and size), naming `where` when it is damaged. */
export function parseIndex(idx: Buffer, where: string): PackIndex {
  if (idx.length < SHA_BASE + 40 || idx.readUInt32BE(0) !== 0xff744f63 || idx.readUInt32BE(4) !== 2) throw corrupt(where, 'not a version 2 pack index');
  const count = idx.readUInt32BE(8 + 255 * 4);
  const offBase = SHA_BASE + count * 24;
  if (idx.length < offBase + count * 4 + 40) throw corrupt(where, 'truncated pack index');
  const large = idx.length > offBase + count * 4 + 40; // the large-offset table is not empty
  const offsets = large ? new Float64Array(count) : new Uint32Array(count);
  const index = { idx, count, offsets };
  for (let i = 0; i < count; i++) {
    const off = idx.readUInt32BE(offBase + i * 4);
    offsets[i] = off < 0x80000000 ? off : offsetAt(index, i); // without a large-offset table, offsetAt throws
  }
  offsets.sort();
  return index;
}

function offsetAt(index: PackIndex, i: number): number {
  const { idx, count } = index;
  const offBase = SHA_BASE + count * 24;
  const off = idx.readUInt32BE(offBase + i * 4);
  if (!(off & 0x80000000)) return off;
  const large = offBase + count * 4 + (off & 0x7fffffff) * 8;
  if (large + 8 > idx.length) throw corrupt('pack index', 'large offset past the end of the index');
  return idx.readUInt32BE(large) * 2 ** 32 + idx.readUInt32BE(large + 4);
}

/** Offset of `oid` (20 bytes) in the pack by binary search of its index, or -1. */
export function findOffset(index: PackIndex, oid: Buffer): number {
  const { idx } = index;
  const first = oid[0]!;
  let lo = first === 0 ? 0 : idx.readUInt32BE(8 + (first - 1) * 4);
  let hi = idx.readUInt32BE(8 + first * 4);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const cmp = idx.compare(oid, 0, 20, SHA_BASE + mid * 20, SHA_BASE + mid * 20 + 20);
    if (cmp === 0) return offsetAt(index, mid);
    if (cmp > 0) hi = mid;
    else lo = mid + 1;
  }
  return -1;
}

/** Where the entry at `offset` ends: the next entry's offset, or the pack's trailing checksum. */
export function entryEnd(index: PackIndex, offset: number, packSize: number): number {
  const { offsets } = index;
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < offsets.length ? offsets[lo]! : packSize - 20;
}

/** Every object id in the index that starts with `prefix` (lower-case hex, 2..40 digits). */
export function prefixMatches(index: PackIndex, prefix: string): string[] {
  const { idx } = index;
  const first = parseInt(prefix.slice(0, 2), 16);
  let lo = first === 0 ? 0 : idx.readUInt32BE(8 + (first - 1) * 4);
  const hi = idx.readUInt32BE(8 + first * 4);
  const low = Buffer.from(prefix.padEnd(40, '0'), 'hex');
  // First entry >= the lowest id with this prefix, then every entry that still matches.
  let end = hi;
  while (lo < end) {
    const mid = (lo + end) >>> 1;
    if (idx.compare(low, 0, 20, SHA_BASE + mid * 20, SHA_BASE + mid * 20 + 20) < 0) lo = mid + 1; // entry < low
    else end = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < hi; i++) {
    const hex = idx.toString('hex', SHA_BASE + i * 20, SHA_BASE + i * 20 + 20);
    if (!hex.startsWith(prefix)) break;
    out.push(hex);
  }
  return out;
}

/** Applies a git delta to `base`; CorruptObjectError (naming `where`) when the delta does not fit the base. */
export function applyDelta(delta: Buffer, base: Buffer, where: string): Buffer {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    let c: number;
    do {
      if (pos >= delta.length) throw corrupt(where, 'truncated delta');
      c = delta[pos++]!;
      result += (c & 0x7f) * 2 ** shift;
      shift += 7;
    } while (c & 0x80);
    return result;
  };
  if (varint() !== base.length) throw corrupt(where, 'delta base size mismatch');
  const out = Buffer.allocUnsafe(varint());
  let o = 0;
  while (pos < delta.length) {
    const op = delta[pos++]!;
    if (op & 0x80) {
      let off = 0;
      let size = 0;
      if (op & 0x01) off += delta[pos++]!;
      if (op & 0x02) off += delta[pos++]! * 0x100;
      if (op & 0x04) off += delta[pos++]! * 0x10000;
      if (op & 0x08) off += delta[pos++]! * 0x1000000;
      if (op & 0x10) size += delta[pos++]!;
      if (op & 0x20) size += delta[pos++]! * 0x100;
      if (op & 0x40) size += delta[pos++]! * 0x10000;
      if (size === 0) size = 0x10000;
      if (off + size > base.length || o + size > out.length) throw corrupt(where, 'delta copies outside its base');
      o += base.copy(out, o, off, off + size);
    } else if (op) {
      if (pos + op > delta.length || o + op > out.length) throw corrupt(where, 'truncated delta');
      o += delta.copy(out, o, pos, pos + op);
      pos += op;
    } else throw corrupt(where, 'invalid delta opcode 0');
  }
  if (o !== out.length) throw corrupt(where, 'delta result size mismatch');
  return out;
}
