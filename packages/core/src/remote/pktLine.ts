// git's pkt-line framing: 4 hex digits of length (including themselves), then data;
// "0000" is a flush packet.

export const FLUSH = Buffer.from('0000');

/** One pkt-line holding `data`. */
export function pkt(data: string | Uint8Array): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
  return Buffer.concat([Buffer.from((body.length + 4).toString(16).padStart(4, '0')), body]);
}

/**
 * Splits `buf` into packets (null = flush) starting at `offset`. `complete` is false when
 * the buffer ends inside a packet (a cut connection).
 */
export function readPkts(buf: Uint8Array, offset = 0): { pkts: (Buffer | null)[]; complete: boolean; end: number } {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const pkts: (Buffer | null)[] = [];
  let i = offset;
  while (i < b.length) {
    if (i + 4 > b.length) return { pkts, complete: false, end: i };
    const len = parseInt(b.subarray(i, i + 4).toString('latin1'), 16);
    if (Number.isNaN(len)) return { pkts, complete: false, end: i };
    if (len === 0 || len === 1 || len === 2) {
      pkts.push(null);
      i += 4;
      continue;
    }
    if (len < 4 || i + len > b.length) return { pkts, complete: false, end: i };
    pkts.push(b.subarray(i + 4, i + len));
    i += len;
  }
  return { pkts, complete: true, end: i };
}
