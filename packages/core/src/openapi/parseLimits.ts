/** Limits shared by both parse paths (parseFast.ts, parseText.ts) (internal). */
import { TooLargeError } from '../errors/TooLargeError.js';

export const MAX_BYTES = 10 * 1024 * 1024;
export const MAX_DEPTH = 64;

/** Refuses a document over MAX_BYTES (UTF-8), before either parser sees it. */
export function assertSize(text: string, file: string): void {
  // Buffer.byteLength would be faster but core stays free of node globals; a string can only
  // exceed the limit in bytes when it is at least a third of it in UTF-16 units.
  if (text.length * 3 <= MAX_BYTES) return;
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_BYTES) throw new TooLargeError(`${file}: document is ${bytes} bytes, over the ${MAX_BYTES} byte limit`, { file, limit: MAX_BYTES, size: bytes });
}
