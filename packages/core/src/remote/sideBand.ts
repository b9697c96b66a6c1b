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

/** Splits a side-band-64k response body; `onMessage` sees band 2 lines as they are found. */
export function demuxSideBand(body: Buffer, onMessage?: (line: string) => void): Demuxed {
  const { pkts, complete } = readPkts(body);
  const data: Buffer[] = [];
  const messages: string[] = [];
  const preamble: string[] = [];
  let error: string | null = null;
  let flushed = false;
  for (const p of pkts) {
    if (p === null) {
      flushed = true;
      break;
    }
    const band = p[0];
    if (band === 1) data.push(p.subarray(1));
    else if (band === 2) {
      for (const line of p.subarray(1).toString('utf8').split(/[\r\n]+/)) {
        if (!line.trim()) continue;
        messages.push(line);
        onMessage?.(line);
      }
    } else if (band === 3) error = p.subarray(1).toString('utf8').trim();
    else preamble.push(p.toString('utf8').trim());
  }
  return { data: Buffer.concat(data), messages, error, preamble, complete: complete && flushed };
}
