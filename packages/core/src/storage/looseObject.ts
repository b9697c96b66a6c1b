import { inflateSync } from 'node:zlib';
import { corrupt } from './packFile.js';

export type StoredType = 'commit' | 'tree' | 'blob' | 'tag';
export interface StoredObject {
  type: StoredType;
  content: Buffer;
}

/** Parses a loose object file (zlib of "type size\0content"); CorruptObjectError when damaged. */
export function parseLoose(raw: Buffer, oid: string): StoredObject {
  let inflated: Buffer;
  try {
    inflated = inflateSync(raw);
  } catch {
    throw corrupt('loose object', 'it does not inflate (bad zlib data)', oid);
  }
  const nul = inflated.indexOf(0);
  const header = nul < 0 ? '' : inflated.toString('latin1', 0, nul);
  const m = /^(commit|tree|blob|tag) (\d+)$/.exec(header);
  if (!m) throw corrupt('loose object', 'bad header (unknown type or size)', oid);
  const content = inflated.subarray(nul + 1);
  if (Number(m[2]) !== content.length) throw corrupt('loose object', `its header says ${m[2]} bytes, it holds ${content.length}`, oid);
  return { type: m[1] as StoredType, content };
}
