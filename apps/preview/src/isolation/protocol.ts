import type { ClientCertificateMaterial, GatewayRequest, GatewayResponse, TestInvokeRequest, TestInvokeResult } from '@gitway/runtime';
import type { Api, Stage } from '@gitway/core';
import type { ApiDelta } from './snapshotDelta.js';

/** What a stage worker is started with (workerData): everything createGateway needs that can cross threads. */
export interface StageWorkerData {
  api: Api;
  stage: Stage;
  canaryApi?: Api;
  clientCertificate?: ClientCertificateMaterial;
  apiKeys?: string[];
  apiId?: string;
  /** Names of the main thread's Lambda handlers: the worker calls them through messages. */
  handlerNames: string[];
  /** Whether the main thread wants execution log lines. */
  executionLog: boolean;
  /** How often (ms) the worker reports that its event loop is alive while it has work. */
  heartbeatMs: number;
  /**
   * Started before its stage's snapshot was read (in parallel with the read): `api` and
   * `stage` are placeholders, the first snapshot comes as a `load`.
   */
  spare?: boolean;
}

/**
 * A running worker's next snapshot (its stage's ref moved): each Api relative to the one the
 * worker holds in that place (see apiDelta). The worker compiles it and serves every later
 * request with it; a snapshot that does not compile leaves the previous one in service.
 */
export interface SnapshotLoad {
  stage: Stage;
  clientCertificate?: ClientCertificateMaterial;
  api: ApiDelta;
  canaryApi?: ApiDelta;
}

// Both threads send one message per event-loop turn: an array of the records of that turn, in
// order (a structured clone and a thread wake-up per turn, not per request). The records of the
// request path are flat tuples — no per-request property names to clone — and header maps
// travel as [name, value, name, value, ...].

/** A request to handle: id, method, path, headers, query ([name, values, ...] or null: none), body, source IP, request id. */
export type HandleRecord = [id: number, method: string, path: string, headers: Flat, query: Flat | null, body: string | Uint8Array | undefined, sourceIp: string | undefined, requestId: string | undefined];
/** A handled request: id, status, headers, body, whether the canary deployment served it. */
export type HandledRecord = [id: number, statusCode: number, headers: Flat, body: string | Uint8Array, canary: boolean];
/** A header or query map as one array: name, value, name, value, ... (a value may be a list). */
export type Flat = (string | string[])[];

/** Main thread -> worker (in a batch). */
export type ToWorker =
  | HandleRecord
  | { type: 'load'; snapshot: SnapshotLoad }
  | { type: 'testInvoke'; id: number; request: TestInvokeRequest }
  | { type: 'lambdaResult'; id: number; ok: true; result: unknown }
  | { type: 'lambdaResult'; id: number; ok: false; message: string };

/** Worker -> main thread (in a batch). */
export type FromWorker =
  | HandledRecord
  | { type: 'ready' }
  | { type: 'alive' }
  | { type: 'testInvoked'; id: number; result: TestInvokeResult }
  | { type: 'failed'; id: number; message: string }
  | { type: 'log'; line: string }
  | { type: 'executionLog'; line: string }
  | { type: 'lambda'; id: number; name: string; event: unknown; context: { functionName?: unknown; awsRequestId?: unknown; remainingMs: number } };

/** The flat form of a header or query map (own enumerable keys, in order). */
export function flatten(map: Record<string, string | string[] | undefined>): Flat {
  const flat: Flat = [];
  for (const key in map) {
    const value = map[key];
    if (value !== undefined && Object.hasOwn(map, key)) flat.push(key, value);
  }
  return flat;
}

/** The map of a flat form (a plain object: a null-prototype one is several times slower to build and read). */
export function unflatten<V extends string | string[]>(flat: Flat): Record<string, V> {
  const map: Record<string, V> = {};
  for (let i = 0; i < flat.length; i += 2) {
    const key = flat[i] as string;
    // An own `__proto__` key (a structured clone keeps one) stays an ordinary key, as it was.
    if (key === '__proto__') Object.defineProperty(map, key, { value: flat[i + 1], enumerable: true, writable: true, configurable: true });
    else map[key] = flat[i + 1] as V;
  }
  return map;
}

/** A request as a HandleRecord. */
export function encodeRequest(id: number, r: GatewayRequest): HandleRecord {
  const query = flatten(r.query);
  return [id, r.method, r.path, flatten(r.headers), query.length === 0 ? null : query, cloneable(r.body), r.sourceIp, r.requestId];
}

/**
 * Bytes to clone: a structured clone copies a view's whole ArrayBuffer, and a small Buffer is
 * usually a slice of Node's 8 KiB pool, so such a slice is first copied to bytes of its own.
 */
export function cloneable<T extends string | Uint8Array | undefined>(body: T): T {
  return body instanceof Uint8Array && body.byteLength !== body.buffer.byteLength ? (new Uint8Array(body) as T) : body;
}

/** A HandleRecord as the request it was (a body's bytes as a Buffer again, no copy). */
export function decodeRequest(m: HandleRecord): GatewayRequest {
  const body = m[5];
  const request: GatewayRequest = {
    method: m[1], path: m[2], headers: unflatten<string>(m[3]), query: m[4] === null ? {} : unflatten(m[4]),
    body: body === undefined || typeof body === 'string' ? body : asBuffer(body),
  };
  if (m[6] !== undefined) request.sourceIp = m[6];
  if (m[7] !== undefined) request.requestId = m[7];
  return request;
}

/** A response's status, headers and body as the main thread gets them back (canary flag aside). */
export function decodeResponse(m: HandledRecord): GatewayResponse {
  const body = m[3];
  return { statusCode: m[1], headers: unflatten(m[2]), body: typeof body === 'string' ? body : asBuffer(body) };
}

/** A Buffer crosses threads as a Uint8Array: view it as a Buffer again (no copy). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * The per-turn batching both threads use: records given during one event-loop turn go to
 * `port` as one array at its end, in order. When the batch cannot be cloned, each record goes
 * alone and a record that still cannot is handed to `refused` (the others are delivered).
 */
export function turnBatcher<T>(port: { postMessage(batch: T[]): void }, refused: (record: T, error: Error) => void): (record: T) => void {
  let outbox: T[] = [];
  const flush = () => {
    const batch = outbox;
    outbox = [];
    try {
      port.postMessage(batch);
    } catch {
      for (const record of batch) {
        try {
          port.postMessage([record]);
        } catch (error) {
          refused(record, error as Error);
        }
      }
    }
  };
  return (record) => {
    if (outbox.push(record) === 1) setImmediate(flush);
  };
}
