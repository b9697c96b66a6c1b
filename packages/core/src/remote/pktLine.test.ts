import { describe, expect, it } from 'vitest';
import { FLUSH, pkt, readPkts } from './pktLine.js';
import { redactUrl } from './redactUrl.js';
import { trackingRef } from './syncedRefs.js';
import { demuxSideBand } from './sideBand.js';

describe('pkt-line framing', () => {
  it('round-trips packets and flushes, and notices a cut stream', () => {
    const buf = Buffer.concat([pkt('want abc\n'), FLUSH, pkt(Buffer.from([1, 2, 3]))]);
    const { pkts, complete } = readPkts(buf);
    expect(complete).toBe(true);
    expect(pkts.map((p) => (p ? p.toString('latin1') : null))).toEqual(['want abc\n', null, '\x01\x02\x03']);
    expect(readPkts(buf.subarray(0, buf.length - 1)).complete).toBe(false);
  });

  it('demuxes side-band data, messages and the final flush', () => {
    const body = Buffer.concat([pkt('NAK\n'), pkt(Buffer.concat([Buffer.from([2]), Buffer.from('Counting objects: 50% (1/2)\rdone\n')])), pkt(Buffer.concat([Buffer.from([1]), Buffer.from('PACK')])), FLUSH]);
    const out = demuxSideBand(body);
    expect(out).toMatchObject({ preamble: ['NAK'], messages: ['Counting objects: 50% (1/2)', 'done'], complete: true, error: null });
    expect(out.data.toString()).toBe('PACK');
    expect(demuxSideBand(body.subarray(0, body.length - 4)).complete).toBe(false);
  });
});

describe('remote names', () => {
  it('strips credentials and maps tracking refs', () => {
    expect(redactUrl('https://me:t0k@git.example.com/a.git')).toBe('https://git.example.com/a.git');
    expect(redactUrl('http://127.0.0.1:9/a.git')).toBe('http://127.0.0.1:9/a.git');
    expect(trackingRef('origin', 'refs/heads/main')).toBe('refs/remotes/origin/main');
    expect(trackingRef('origin', 'refs/stages/prod')).toBe('refs/remote-stages/origin/prod');
  });
});
