import { readPkts } from './pktLine.js';

/** A side-band-64k response taken apart: band 1 data, band 2 message lines, band 3 error. */
export interface Demuxed {
  data: Buffer;
  messages: string[];
  error: string | null;
  /** Packets before the side-band (upload-pack's NAK/ACK lines). */
  preamble: string[];
  /** false when the stream stopped before its final flush packet (a cut connection). */
  complete: boolean;
}

/** The longest pkt-line (65520 bytes of length prefix + data). */
const MAX_PKT = 65520;
/** Lines kept (all are passed to onMessage): a server cannot grow memory with endless messages. */
const MAX_LINES = 1000;

/**
 * Takes a side-band-64k stream apart as it arrives: `push` each chunk; band 1 goes to
 * `onData` (nothing is kept), band 2 lines to `messages`/`onMessage`, band 3 to `error`.
 */
export class SideBandReader {
  messages: string[] = [];
  error: string | null = null;
  preamble: string[] = [];
  flushed = false;
  /** True when the stream is not pkt-lines (a "packet" longer than pkt-lines can be): stop reading. */
  broken = false;
  private rest: Buffer = Buffer.alloc(0);

  constructor(
    private readonly onData: (chunk: Buffer) => void,
    private readonly onMessage?: (line: string) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.flushed || this.broken) return;
    const buf = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    const { pkts, end } = readPkts(buf);
    this.rest = Buffer.from(buf.subarray(end));
    if (this.rest.length > MAX_PKT) this.broken = true;
    for (const p of pkts) {
      if (p === null) {
        this.flushed = true;
        return;
      }
      const band = p[0];
      if (band === 1) this.onData(p.subarray(1));
      else if (band === 2) {
        for (const line of p.subarray(1).toString('utf8').split(/[\r\n]+/)) {
          if (!line.trim()) continue;
          if (this.messages.length < MAX_LINES) this.messages.push(line);
          this.onMessage?.(line);
        }
      } else if (band === 3) this.error = p.subarray(1).toString('utf8').trim();
      else if (this.preamble.length < MAX_LINES) this.preamble.push(p.toString('utf8').trim());
    }
  }

  /** Whether the stream ended with its flush packet and nothing after it (not cut short). */
  get complete(): boolean {
    return this.flushed;
  }
}

/** Splits a whole side-band-64k response body; `onMessage` sees band 2 lines as they are found. */
export function demuxSideBand(body: Buffer, onMessage?: (line: string) => void): Demuxed {
  const data: Buffer[] = [];
  const reader = new SideBandReader((d) => data.push(d), onMessage);
  reader.push(body);
  return { data: Buffer.concat(data), messages: reader.messages, error: reader.error, preamble: reader.preamble, complete: reader.complete };
}
