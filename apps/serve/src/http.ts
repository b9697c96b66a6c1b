import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, badRequest } from './errors.js';

/** API Gateway's import limit for a definition (ImportRestApi, PutRestApi): 6 MB. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** The client went away before its request was complete: nothing is answered, nothing written. */
export class ClientGoneError extends Error {}

/**
 * Reads the whole body, at most `limit` bytes. A larger body is drained (not buffered) and
 * answered 400; a connection closed before the end rejects with ClientGoneError.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      done = true;
      if (size > limit) reject(badRequest(`Request body of ${size} bytes exceeds the limit of ${limit} bytes (API Gateway's 6 MB import limit)`));
      else resolve(Buffer.concat(chunks));
    });
    req.on('close', () => {
      if (!done) reject(new ClientGoneError('client closed the connection mid-request'));
    });
    req.on('error', () => reject(new ClientGoneError('client connection failed mid-request')));
  });
}

/** Sends `body` (JSON-encoded unless a string or Buffer) with its content-length. */
export function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json', ...headers, 'content-length': String(payload.length) });
  res.end(payload);
}

/** An AWS-shaped error response. */
export function sendError(res: ServerResponse, error: AwsError): void {
  send(res, error.status, { message: error.message }, { 'x-amzn-errortype': error.type });
}
