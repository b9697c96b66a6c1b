import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SafeHtml } from './html.js';

/** An error answered as `{"message", "code"}` (API) or an error page (HTML) with `status`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** More fields of the JSON answer (e.g. `field`: the patch path an error is about). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Dashboard responses are never framed, sniffed, cached, or allowed to load anything foreign. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'cache-control': 'no-store',
    ...headers,
    'content-type': type,
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  send(req, res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

export function sendHtml(req: IncomingMessage, res: ServerResponse, status: number, page: SafeHtml): void {
  send(req, res, status, 'text/html; charset=utf-8', page.value);
}

/** Largest JSON body a POST may carry (a stage update is a few hundred bytes). */
export const MAX_JSON_BYTES = 64 * 1024;

/** Reads and parses a JSON request body: 415 unless JSON, 413 past `max` bytes, 400 when malformed. */
export async function readJsonBody(req: IncomingMessage, max = MAX_JSON_BYTES): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    throw new HttpError(415, 'UnsupportedMediaTypeError', 'request body must be application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new HttpError(413, 'TooLargeError', `request body is larger than ${max} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (err) {
    throw new HttpError(400, 'ParseError', `request body is not valid JSON: ${(err as Error).message}`);
  }
}
