import { describe, expect, it } from 'vitest';
import { FLUSH, pkt } from './pktLine.js';
import { SideBandReader } from './sideBand.js';

const band = (n: number, data: string | Buffer) => pkt(Buffer.concat([Buffer.from([n]), Buffer.from(data)]));

describe('SideBandReader (a pack streamed as it arrives)', () => {
  it('gives the same data whatever the chunk boundaries', () => {
    const body = Buffer.concat([pkt('NAK\n'), band(2, 'Counting objects: 3\n'), band(1, 'PACK'), band(1, 'rest-of-pack'), FLUSH]);
    for (let size = 1; size <= body.length; size++) {
      const data: Buffer[] = [];
      const r = new SideBandReader((d) => data.push(Buffer.from(d)));
      for (let i = 0; i < body.length; i += size) r.push(body.subarray(i, i + size));
      expect([Buffer.concat(data).toString(), r.messages, r.preamble, r.complete, r.broken]).toEqual(['PACKrest-of-pack', ['Counting objects: 3'], ['NAK'], true, false]);
    }
  });

  it('stops on a stream that is not pkt-lines, and keeps at most 1000 message lines', () => {
    const garbage = new SideBandReader(() => undefined);
    for (let i = 0; i < 20; i++) garbage.push(Buffer.alloc(4096, 0x7a));
    expect([garbage.broken, garbage.complete]).toEqual([true, false]);
    const chatty = new SideBandReader(() => undefined);
    let seen = 0;
    const counted = new SideBandReader(() => undefined, () => seen++);
    for (let i = 0; i < 1500; i++) {
      chatty.push(band(2, `line ${i}\n`));
      counted.push(band(2, `line ${i}\n`));
    }
    expect([chatty.messages.length, seen]).toEqual([1000, 1500]);
  });
});
