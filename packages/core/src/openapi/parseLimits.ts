/** Limits shared by both parse paths (parseFast.ts, parseText.ts) (internal). */
import { TooLargeError } from '../errors/TooLargeError.js';

export const MAX_BYTES = 10 * 1024 * 1024;
export const MAX_DEPTH = 64;

/** Refuses a document over MAX_BYTES (UTF-8), before either parser sees it. */
export function assertSize(text: string, file: string): void {
  // A string can only exceed the limit in bytes when it is at least a third of it in UTF-16 units.
  if (text.length * 3 <= MAX_BYTES) return;
  const bytes = utf8Length(text);
  if (bytes > MAX_BYTES) throw new TooLargeError(`${file}: document is ${bytes} bytes, over the ${MAX_BYTES} byte limit`, { file, limit: MAX_BYTES, size: bytes });
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * `new TextEncoder().encode(text).length` without building the bytes (core stays free of
 * node's Buffer): a lone surrogate counts 3 bytes, as the encoder writes U+FFFD for it.
 */
export function utf8Length(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
