import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { Gateway, GatewayResponse, LambdaHandler, TestInvokeResult } from '@gitway/runtime';
import { markCanary } from '@gitway/runtime/host';
import type { LoadedStage } from '../server.js';
import { decodeResponse, encodeRequest, turnBatcher, type FromWorker, type StageWorkerData, type ToWorker } from './protocol.js';
import { apiDelta } from './snapshotDelta.js';

/** How a stage's gateway is isolated: the limit on a blocked stage worker. */
export interface IsolationOptions {
  /**
   * A stage worker whose event loop gives no sign of life for this long while it has
   * requests in flight is terminated and started again; those requests answer 504
   * `{"message": "Endpoint request timed out"}`. Default 5,000 ms.
   */
  blockedLimitMs?: number;
}

export const DEFAULT_BLOCKED_LIMIT_MS = 5_000;
const START_LIMIT_MS = 30_000;
/** The runtime's INTEGRATION_TIMEOUT answer (API Gateway's default gateway response). */
export const TIMED_OUT_BODY = '{"message":"Endpoint request timed out"}';
const INTERNAL_BODY = '{"message":"Internal server error"}';

interface Pending {
  resolve: (value: GatewayResponse | TestInvokeResult) => void;
  reject: (error: Error) => void;
  what: string;
}

/**
 * A Gateway whose `handle` and `testInvoke` run in a worker thread of their own: the
 * stage's gateway (throttling, cache, canary) lives in the worker, so a request that holds
 * that event loop (JSON.parse of a 10 MB body, a long RE2 match, ajv over a large array)
 * stalls this stage only. A watchdog on the main thread terminates a worker that stops
 * answering for `blockedLimitMs` while it has work, answers its requests 504, and starts a
 * fresh worker on the next request (the stage's throttling and cache state start over).
 *
 * @example
 * const gateway = createIsolatedGateway(loaded, { handlers: {}, log: console.log, label: 'prod' });
 * const res = await gateway.handle({ method: 'GET', path: '/pets', headers: {}, query: {} });
 * gateway.close();
 */
export function createIsolatedGateway(
  loaded: LoadedStage,
  o: WorkerOptions & { label: string; spare?: SpareWorker },
): Gateway & { close(): void; load(next: LoadedStage): void } {
  const limit = o.blockedLimitMs ?? DEFAULT_BLOCKED_LIMIT_MS;
  const handlers = o.handlers ?? {};
  let workerData: StageWorkerData = { ...workerOptions(o), api: loaded.api, stage: loaded.stage, canaryApi: loaded.canaryApi, clientCertificate: loaded.clientCertificate };
  let current: ReturnType<typeof spawn> | undefined;
  let nextId = 0;
  let closed = false;
  let spare = o.spare;

  function spawn() {
    // The spare started for this stage while its snapshot was read takes it as its first load.
    const started = spare?.take();
    spare = undefined;
    const worker = started?.worker ?? new Worker(WORKER_URL, { workerData, execArgv: [] });
    worker.unref();
    const pending = new Map<number, Pending>();
    let lastSign = performance.now();
    let ready = started?.ready ?? false;
    let watchdog: NodeJS.Timeout | undefined;
    /** The snapshot the worker holds: the base of the next load's delta. */
    const sent: { api?: LoadedStage['api']; canaryApi?: LoadedStage['canaryApi'] } = started ? {} : { api: workerData.api, canaryApi: workerData.canaryApi };
    // What this turn of the event loop asks the worker goes as one message, at its end; what
    // cannot be cloned (a Lambda handler's result) is refused alone.
    const enqueue = turnBatcher<ToWorker>(worker, (m, error) => {
      if (Array.isArray(m)) fail(m[0], error);
      else if (m.type === 'testInvoke') fail(m.id, error);
      else if (m.type === 'lambdaResult') worker.postMessage([{ type: 'lambdaResult', id: m.id, ok: false, message: error.message } satisfies ToWorker]);
      else retire(error); // a snapshot that cannot cross: the next request starts a worker on it
    });
    const self = { worker, pending, send, drain, sent, enqueue };

    const watch = () => {
      if (watchdog || closed) return;
      watchdog = setInterval(() => {
        if (pending.size === 0) return void (clearInterval(watchdog), (watchdog = undefined));
        // A worker gets START_LIMIT_MS more to load and compile the stage before its first sign.
        if (performance.now() - lastSign < (ready ? limit : limit + START_LIMIT_MS)) return;
        // Messages the worker sent while this thread was busy are delivered before setImmediate runs.
        const seen = lastSign;
        setImmediate(() => {
          if (lastSign !== seen || pending.size === 0 || current !== self) return;
          const what = [...pending.values()].map((p) => p.what).join(', ');
          const state = ready ? `blocked for over ${limit} ms` : `not started after ${limit + START_LIMIT_MS} ms`;
          o.log?.(`stage ${o.label}: gateway ${state} with ${pending.size} request(s) in flight (${what}); worker terminated, restarting`);
          retire(new BlockedError());
        });
      }, Math.max(10, Math.floor(limit / 4)));
      watchdog.unref();
    };
    const retire = (error: Error) => {
      if (current === self) current = undefined;
      clearInterval(watchdog);
      watchdog = undefined;
      void worker.terminate();
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    };

    const receive = (m: FromWorker) => {
      if (Array.isArray(m)) {
        const response = decodeResponse(m);
        return settle(m[0], m[4] ? markCanary(response) : response);
      }
      switch (m.type) {
        case 'ready':
          ready = true;
          return;
        case 'alive':
          return;
        case 'log':
          return o.log?.(m.line);
        case 'executionLog':
          return o.executionLog?.(m.line);
        case 'lambda':
          return void callLambda(m);
        case 'testInvoked':
          return settle(m.id, m.result);
        case 'failed':
          return fail(m.id, new Error(m.message));
      }
    };
    // One batch per turn of the worker's event loop.
    worker.on('message', (batch: FromWorker[]) => {
      lastSign = performance.now();
      for (const m of batch) receive(m);
    });
    worker.on('error', (error) => {
      o.log?.(`stage ${o.label}: gateway worker failed: ${error?.message ?? error}`);
      retire(error);
    });
    worker.on('exit', () => retire(new Error(`stage ${o.label}: gateway worker exited`)));

    function settle(id: number, value: GatewayResponse | TestInvokeResult) {
      const p = pending.get(id);
      pending.delete(id);
      p?.resolve(value);
      if (closed) drain();
    }
    function fail(id: number, error: Error) {
      const p = pending.get(id);
      pending.delete(id);
      p?.reject(error);
      if (closed) drain();
    }
    /** Terminates the worker once its requests are answered. */
    function drain() {
      if (pending.size === 0) retire(new Error(`stage ${o.label}: gateway closed`));
    }
    async function callLambda(m: Extract<FromWorker, { type: 'lambda' }>) {
      const deadline = Date.now() + m.context.remainingMs;
      const context = { functionName: m.context.functionName, functionVersion: '$LATEST', awsRequestId: m.context.awsRequestId, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
      let reply: ToWorker;
      try {
        reply = { type: 'lambdaResult', id: m.id, ok: true, result: await handlers[m.name](m.event, context) };
      } catch (error) {
        reply = { type: 'lambdaResult', id: m.id, ok: false, message: (error as Error)?.message ?? String(error) };
      }
      enqueue(reply);
    }
    function send(id: number, message: ToWorker, what: string): Promise<GatewayResponse | TestInvokeResult> {
      return new Promise((resolve, reject) => {
        if (pending.size === 0) lastSign = performance.now();
        pending.set(id, { resolve, reject, what });
        enqueue(message);
        watch();
      });
    }
    if (started) post(self, workerData);
    return self;
  }

  const workerFor = () => {
    if (closed) throw new Error(`stage ${o.label}: gateway closed`);
    return (current ??= spawn());
  };

  return {
    async handle(request) {
      try {
        const id = nextId++;
        return (await workerFor().send(id, encodeRequest(id, request), `${request.method} ${request.path}`)) as GatewayResponse;
      } catch (error) {
        if (!(error instanceof BlockedError)) o.log?.(`stage ${o.label}: ${(error as Error)?.message ?? error}`);
        const blocked = error instanceof BlockedError;
        return { statusCode: blocked ? 504 : 500, headers: { 'content-type': 'application/json' }, body: blocked ? TIMED_OUT_BODY : INTERNAL_BODY };
      }
    },
    async testInvoke(request) {
      const id = nextId++;
      return (await workerFor().send(id, { type: 'testInvoke', id, request }, `test ${request.httpMethod} ${request.pathWithQueryString}`)) as TestInvokeResult;
    },
    /**
     * Serves `next` from now on (the stage's ref moved). A running worker gets only what
     * changed and compiles it between two requests: those already in it finish on the
     * previous snapshot, later ones get the new one. A worker started later starts on `next`.
     */
    load(next: LoadedStage) {
      workerData = { ...workerData, api: next.api, stage: next.stage, canaryApi: next.canaryApi, clientCertificate: next.clientCertificate };
      if (current) post(current, workerData);
    },
    /** Stops taking requests; the worker exits once those in flight are answered. */
    close() {
      closed = true;
      current?.drain();
    },
  };
}

/** What every stage worker of a server is started with, whatever its stage. */
export type WorkerOptions = IsolationOptions & { handlers?: Record<string, LambdaHandler>; log?: (line: string) => void; executionLog?: (line: string) => void; apiKeys?: string[]; apiId?: string };

function workerOptions(o: WorkerOptions): Omit<StageWorkerData, 'api' | 'stage'> {
  const limit = o.blockedLimitMs ?? DEFAULT_BLOCKED_LIMIT_MS;
  return { apiKeys: o.apiKeys, apiId: o.apiId, handlerNames: Object.keys(o.handlers ?? {}), executionLog: o.executionLog !== undefined, heartbeatMs: Math.max(10, Math.min(250, Math.floor(limit / 4))) };
}

/**
 * Posts `next` to a running worker as a delta of the snapshot it holds (`sent`), in order with
 * the requests (the same per-turn batch): requests enqueued before it are answered by the
 * previous snapshot, later ones by `next`.
 */
function post(to: { enqueue(message: ToWorker): void; sent: { api?: LoadedStage['api']; canaryApi?: LoadedStage['canaryApi'] } }, next: StageWorkerData): void {
  const snapshot = {
    stage: next.stage, clientCertificate: next.clientCertificate,
    api: apiDelta(to.sent.api, next.api), canaryApi: next.canaryApi && apiDelta(to.sent.canaryApi, next.canaryApi),
  };
  to.enqueue({ type: 'load', snapshot });
  to.sent.api = next.api;
  to.sent.canaryApi = next.canaryApi;
}

/** A stage worker started before its stage's snapshot is read; `take()` hands it over once (undefined if it died). */
export interface SpareWorker {
  take(): { worker: Worker; ready: boolean } | undefined;
  close(): void;
}

/**
 * Starts a stage worker for a stage whose snapshot is about to be read: the worker loads
 * the runtime and warms its HTTP client while this thread reads the repository, then gets
 * the snapshot as its first `load` (createIsolatedGateway's `spare`).
 *
 * @example
 * const spare = startSpareWorker({ handlers, log });
 * const gateway = createIsolatedGateway(await loadStage('prod'), { handlers, log, label: 'prod', spare });
 */
export function startSpareWorker(o: WorkerOptions): SpareWorker {
  const workerData: StageWorkerData = { ...workerOptions(o), api: EMPTY_API, stage: { stageName: '', deploymentId: '', cacheClusterEnabled: false, tracingEnabled: false, createdDate: '', lastUpdatedDate: '' }, spare: true };
  const worker = new Worker(WORKER_URL, { workerData, execArgv: [] });
  worker.unref();
  let ready = false;
  let alive = true;
  const onMessage = (batch: FromWorker[]) => void (batch.some((m) => !Array.isArray(m) && m.type === 'ready') && (ready = true));
  const onEnd = () => void (alive = false);
  worker.on('message', onMessage).on('error', onEnd).on('exit', onEnd);
  const detach = () => void worker.off('message', onMessage).off('error', onEnd).off('exit', onEnd);
  let taken = false;
  return {
    take() {
      if (taken) return undefined;
      taken = true;
      detach();
      return alive ? { worker, ready } : undefined;
    },
    close() {
      if (taken) return;
      taken = true;
      detach();
      void worker.terminate();
    },
  };
}

const EMPTY_API: LoadedStage['api'] = { restApi: { name: '' }, resources: {}, models: {}, authorizers: {}, requestValidators: {}, gatewayResponses: {} };

/** The worker was terminated because its event loop stopped answering. */
class BlockedError extends Error {
  constructor() {
    super('Endpoint request timed out');
  }
}

// Built: dist/isolation/stageWorker.js beside this file. Run from source (tests import
// src/ through the "@gitway/source" condition), the worker still needs JavaScript: the build's.
const WORKER_URL = ((): URL => {
  const here = new URL('./stageWorker.js', import.meta.url);
  return existsSync(fileURLToPath(here)) ? here : new URL('../../dist/isolation/stageWorker.js', import.meta.url);
})();
